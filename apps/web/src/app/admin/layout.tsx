'use client';

import type { ReactNode } from 'react';

import { AdminGate } from '../../components/admin/admin-gate';
import './admin.css';

/** Every /admin route: administrators only (the server enforces it on every call as well). */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return <AdminGate>{children}</AdminGate>;
}
