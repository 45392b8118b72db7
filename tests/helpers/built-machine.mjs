// The built machine (dist/, as `lona` runs it) booted from source for the
// memory measurements run in a child process with --expose-gc
// (measure-memory.mjs, atom-release.mjs): its system and `lona(src)`,
// which evaluates in the session realm and answers the last value.
process.env.LONA_NO_IMAGE = '1';
const { System } = await import('../../dist/os/system.js');
const { Session } = await import('../../dist/os/session.js');

export const system = System.boot({ write: () => {} });
const apps = new Session(system, system.user, system.sessionRealm());

export function lona(src) {
  const r = apps.evalTextSync(src);
  if (r.failure !== null) throw new Error(r.failure);
  const last = r.outcomes.at(-1);
  if (last.kind !== 'value') throw new Error(JSON.stringify(last));
  return last.value;
}
