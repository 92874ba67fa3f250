import path from 'node:path';
import { readConfig, web4Home } from '../store/store-choice.js';
import { AuditLog, DEFAULT_AUDIT_RETENTION_DAYS } from './audit-log.js';
import { CallStarts } from './call-starts.js';

/**
 * What a hook keeps of calls beside the store, on this machine: their starts (for latency) and the
 * sessions' audit trails. Hooks run without one record no latency and no audit.
 */
export interface CallTrail {
  starts: CallStarts;
  audit: AuditLog;
  /** Days after which a session's trail is removed (read when SessionStart prunes). */
  retentionDays(): number;
}

/** `~/.web4/audit/`, the web4 plugin's folder, with the starts in `.starts/`; retention from the config file. */
export function machineCallTrail(): CallTrail {
  const dir = auditDir();
  return {
    starts: new CallStarts(path.join(dir, '.starts')),
    audit: new AuditLog(dir),
    retentionDays: () => readConfig().audit_retention_days ?? DEFAULT_AUDIT_RETENTION_DAYS,
  };
}

export function auditDir(): string {
  return path.join(web4Home(), 'audit');
}
