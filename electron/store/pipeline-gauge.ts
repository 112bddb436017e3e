/** Weight of the newest sample in the running averages. */
const WEIGHT = 0.2;

/**
 * Whether splitting a long queue into a pipeline pays (commit-pipeline.ts). Two groups in turn take
 * max(2 x sync, cpu) a cycle, one group sync + cpu, where sync is a journal record's synced write and cpu
 * the main thread's work for the appends of a cycle (answering them, their callers' next appends, planning
 * and encoding): the pipeline wins while a synced write takes less than that work, and loses up to half the
 * rate on a disk whose syncs take longer. Both are measured as appends go, in either mode.
 */
export class PipelineGauge {
  /**
   * The process's CPU time in ms: the work is measured in CPU time, not wall time, so that a machine busy
   * with other processes (which stretches every gap) does not make the work look larger than it is.
   */
  static cpuMs(): number {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }

  private syncMs: number | undefined;
  private cpuMsPerAppend: number | undefined;

  /** A journal record's synced write took `ms`. */
  synced(ms: number): void {
    this.syncMs = this.syncMs === undefined ? ms : this.syncMs + WEIGHT * (ms - this.syncMs);
  }

  /** The main thread spent `ms` of CPU time on a cycle of `appends` waiting appends. */
  worked(ms: number, appends: number): void {
    if (appends <= 0) return;
    const each = ms / appends;
    this.cpuMsPerAppend =
      this.cpuMsPerAppend === undefined ? each : this.cpuMsPerAppend + WEIGHT * (each - this.cpuMsPerAppend);
  }

  /** Whether `appends` waiting appends are better split in two groups in turn (yes until measured). */
  worthSplitting(appends: number): boolean {
    if (this.syncMs === undefined || this.cpuMsPerAppend === undefined) return true;
    return this.syncMs < this.cpuMsPerAppend * appends;
  }
}
