'use client';

import { GroupsScreen } from '../../../components/admin/groups-screen';

export default function AdminGroupsPage() {
  return <GroupsScreen />;
}
