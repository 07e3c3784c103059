'use client';

import { PeopleScreen } from '../../../components/admin/people-screen';

export default function AdminPeoplePage() {
  return <PeopleScreen />;
}
