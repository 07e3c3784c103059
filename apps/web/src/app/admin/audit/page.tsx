'use client';

import { AuditScreen } from '../../../components/admin/audit-screen';

export default function AdminAuditPage() {
  return <AuditScreen />;
}
