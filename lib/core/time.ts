/** A day of the week, spelled as Azure's maintenance and patch windows spell it (AKS, Redis, PostgreSQL). */
export type Weekday = "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday";

/** Every {@link Weekday}, Monday first. */
export const WEEKDAYS: readonly Weekday[] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
