// Time is a parameter: services take a Clock so tests can move it (SLA, weekends, reopen windows).
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
