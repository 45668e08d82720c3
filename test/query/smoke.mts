import { openPglite, migrate } from '../../src/store/index.ts';
import { seedQueryFixture, fixtureNow } from './fixture.ts';
import { runQuery, parseQuery, compileQuery, loadFieldRegistry } from '../../src/query/index.ts';
const db = await openPglite('memory://'); await migrate(db); await seedQueryFixture(db);
for (const q of process.argv.slice(2)) {
  try {
    const r = await runQuery(db, q, { now: fixtureNow, actorId: 1 });
    console.log(q, '=>', r.kind === 'tickets' ? r.items.map(i => i.id) + ' total ' + r.total : JSON.stringify(r.rows));
  } catch (e) { console.log(q, 'ERR', (e as Error).message); }
}
await db.close();
