/**
 * Who the inspector service (std/lona/inspector.lona) answers: a request
 * carries an :inspector capability, and the kernel lets that message
 * through only if the sender's realm holds the capability (crossing realms,
 * with :grant). The service refuses a revoked one. A holder acts across
 * realms; anyone else, whatever handle it got hold of, does not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { System, Session } from '../../src/os/index.js';
import { printValue } from '../../src/lonala/index.js';
import { bootFromSource } from '../helpers/lona.js';

let system: System;
let root: Session;

function lona(session: Session, source: string): string {
  const { outcomes, failure } = session.evalTextSync(source);
  if (failure !== null) throw new Error(failure);
  const last = outcomes[outcomes.length - 1];
  return last.kind === 'value' ? printValue(last.value) : '';
}

beforeAll(() => {
  system = bootFromSource();
  system.sessionRealm();
  root = new Session(system, system.user, system.root);
  lona(root, `
    (defn idle [] (receive :stop :stopped :after 600000 :bored))
    (defn ask-inspector [cap req]
      (let [ref (make-ref)]
        (send (whereis 'lona.inspector) [:inspect cap ref (self) req])
        (receive [:inspect-reply r result] when (= r ref) result :after 3000 :timeout)))
    ;; runs (ask-inspector cap req) in realm, cap picked there by pick (a var of this namespace)
    (defn asker [to pick req] (send to [:answer (ask-inspector ((var-get (resolve pick))) req)]))
    (defn ask-from [realm pick req]
      (let [[p r] (spawn-monitor-in realm asker (self) pick req)]
        (receive [:answer a] a [:DOWN r2 _ why] when (= r r2) (if (tuple? why) (second why) why) :after 3000 :timeout)))
    (defn own-inspector-cap [] (cap :inspector))
    (def root-cap (cap :inspector))
    (defn root-handle [] user/root-cap)
    (def victim (spawn idle))`);
});

describe('the inspector service acts for holders of its capability only', () => {
  it('answers and acts for a realm granted a derived capability with :grant, across realms', () => {
    lona(root, `(def trusted (realm-create %{:name 'trusted :caps %{:inspector (cap-derive (cap :inspector) #{:read :write :grant})}}))`);
    expect(lona(root, `(first (ask-from trusted 'own-inspector-cap %{:op :version}))`)).toBe(':ok');
    expect(lona(root, `(first (ask-from trusted 'own-inspector-cap %{:op :kill :pid victim}))`)).toBe(':ok');
    expect(lona(root, '(alive? victim)')).toBe('false');
    lona(root, '(def victim (spawn idle))');
  });

  it('refuses commands to a capability with :read only', () => {
    lona(root, `(def reader (realm-create %{:name 'reader :caps %{:inspector (cap-derive (cap :inspector) #{:read :grant})}}))`);
    expect(lona(root, `(ask-from reader 'own-inspector-cap %{:op :kill :pid victim})`)).toBe('[:error :no-capability "commands need :write"]');
    expect(lona(root, '(alive? victim)')).toBe('true');
  });

  it('never receives a handle the sender does not hold: the send itself fails', () => {
    lona(root, `(def stranger (realm-create %{:name 'stranger}))`);
    // root-handle reads the root's capability from a var: the handle is there, the authority is not.
    expect(lona(root, `(ask-from stranger 'root-handle %{:op :kill :pid victim})`)).toBe(':no-capability');
    expect(lona(root, '(alive? victim)')).toBe('true');
  });

  it('refuses a capability that was revoked after it was granted', () => {
    lona(root, `(def lent (cap-derive (cap :inspector) #{:read :write :grant}))
                (def borrower (realm-create %{:name 'borrower :caps %{:inspector lent}}))`);
    expect(lona(root, `(first (ask-from borrower 'own-inspector-cap %{:op :version}))`)).toBe(':ok');
    lona(root, '(cap-revoke lent)');
    expect(lona(root, `(ask-from borrower 'own-inspector-cap %{:op :kill :pid victim})`)).toMatch(/^(:no-capability|\[:error :no-capability)/);
    expect(lona(root, '(alive? victim)')).toBe('true');
  });

  it('answers with data only: a capability planted in what a reply shows does not go along', () => {
    lona(root, `(def planted 1)
                (alter-meta! #'planted %{:doc (cap :inspector)})
                (def asker-realm (realm-create %{:name 'asker :caps %{:inspector (cap-derive (cap :inspector) #{:read :grant})}}))
                (defn planted-doc [] (:doc (first (filter (fn [v] (= (:name v) 'user/planted)) (second (ask-inspector (cap :inspector) %{:op :vars :ns 'user}))))))
                (defn doc-report [to] (send to [:doc (let [d (planted-doc)] [(cap? d) (string? d)])]))`);
    expect(lona(root, `(do (spawn-in asker-realm doc-report (self)) (receive [:doc d] d :after 3000 :timeout))`)).toBe('[false true]');
  });

  it('refuses a holder without :grant across realms: presenting passes the capability', () => {
    lona(root, `(def keeper (realm-create %{:name 'keeper :caps %{:inspector (cap-derive (cap :inspector) #{:read :write})}}))`);
    expect(lona(root, `(ask-from keeper 'own-inspector-cap %{:op :kill :pid victim})`)).toBe(':no-capability');
    expect(lona(root, '(alive? victim)')).toBe('true');
  });
});
