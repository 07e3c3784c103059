'use client';

import { DepartmentsScreen } from '../../../components/admin/departments-screen';

export default function AdminDepartmentsPage() {
  return <DepartmentsScreen />;
}
