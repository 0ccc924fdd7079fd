// The values every peer's queries use, so all of them build the same statements.
export const values = {
  id: 42,
  since: new Date('2013-06-01T00:00:00Z'),
  personIds: [1, 2, 3, 4, 5],
  namePrefix: 'Person 1%',
  limit: 20,
  appointment: { personId: 7, meetingAt: new Date('2014-01-01T09:00:00Z'), notes: 'New Year meeting' },
  newName: 'R.',
  cutoff: new Date('2013-01-02T00:00:00Z'),
  upsert: { name: 'Reuven', email: 'reuven@example.com' },
  // nested load: first 100 people → their 5 latest appointments → attendees
  people: 100,
  latest: 5,
} as const
