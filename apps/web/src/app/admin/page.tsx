'use client';

import { Dashboard } from '../../components/admin/dashboard';

/** The admin home: the live dashboard. */
export default function AdminHomePage() {
  return <Dashboard />;
}
