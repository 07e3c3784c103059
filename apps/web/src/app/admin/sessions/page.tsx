'use client';

import { SessionsScreen } from '../../../components/admin/sessions-screen';

export default function AdminSessionsPage() {
  return <SessionsScreen />;
}
