// XState's pure transition() with one actor scope built once. xstate's own transition() creates a
// new actor per call, and that actor computes the machine's initial state: 38 KB of garbage and
// most of a dialog step's CPU. Sound here because steps are synchronous and the machine has no
// child actors, so nothing is ever registered in the shared scope's system.
import {
  createActor,
  type ActorScope,
  type AnyStateMachine,
  type EventFrom,
  type ExecutableActionsFrom,
  type SnapshotFrom,
} from "xstate";

export type PureTransition<TMachine extends AnyStateMachine> = (
  snapshot: SnapshotFrom<TMachine>,
  event: EventFrom<TMachine>,
) => [SnapshotFrom<TMachine>, ExecutableActionsFrom<TMachine>[]];

export function pureTransition<TMachine extends AnyStateMachine>(machine: TMachine): PureTransition<TMachine> {
  const self = createActor(machine);
  let collected: ExecutableActionsFrom<TMachine>[] = [];
  const scope: ActorScope<SnapshotFrom<TMachine>, EventFrom<TMachine>> = {
    self,
    id: "",
    sessionId: "",
    logger: () => {},
    defer: () => {},
    emit: () => {},
    system: self.system,
    stopChild: () => {},
    actionExecutor: (action) => collected.push(action as ExecutableActionsFrom<TMachine>),
  };
  return (snapshot, event) => {
    collected = [];
    const next = machine.transition(snapshot, event, scope) as SnapshotFrom<TMachine>;
    return [next, collected];
  };
}
