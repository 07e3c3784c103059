'use client';

import { SettingsScreen } from '../../../components/admin/settings-screen';

export default function AdminSettingsPage() {
  return <SettingsScreen />;
}
