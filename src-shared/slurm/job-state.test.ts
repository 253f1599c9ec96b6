import { describe, expect, it } from 'vitest';
import { interpretSlurmState, parseScontrolRecord, parseSqueueLine } from './job-state';

describe('interpretSlurmState', () => {
  it('maps every state Slurm documents for jobs onto a run phase', () => {
    const phases = Object.fromEntries(
      [
        'PENDING',
        'RUNNING',
        'COMPLETED',
        'FAILED',
        'CANCELLED',
        'TIMEOUT',
        'NODE_FAIL',
        'PREEMPTED',
        'OUT_OF_MEMORY',
      ].map((state) => [state, interpretSlurmState(state, null).phase]),
    );
    expect(phases).toEqual({
      PENDING: 'pending',
      RUNNING: 'running',
      COMPLETED: 'completed',
      FAILED: 'failed',
      CANCELLED: 'cancelled',
      TIMEOUT: 'resumable',
      NODE_FAIL: 'resumable',
      PREEMPTED: 'resumable',
      OUT_OF_MEMORY: 'failed',
    });
  });

  it('shows the reason a job waits', () => {
    expect(interpretSlurmState('PENDING', 'Resources').text).toBe('queued on cluster: Resources');
    expect(interpretSlurmState('PENDING', 'None').text).toBe('queued on cluster');
  });

  it("reads sacct's decorated states", () => {
    expect(interpretSlurmState('CANCELLED by 0', null).phase).toBe('cancelled');
    expect(interpretSlurmState('RUNNING+', null).phase).toBe('running');
  });

  it('names what went wrong', () => {
    expect(interpretSlurmState('OUT_OF_MEMORY', null).text).toMatch(/ran out of memory.*--mem/);
    expect(interpretSlurmState('TIMEOUT', null).text).toBe(
      'TIMEOUT: the job reached its time limit',
    );
  });

  it('refuses a state it does not know, naming it', () => {
    expect(() => interpretSlurmState('WEIRD', null)).toThrow('Unknown Slurm job state "WEIRD"');
  });
});

describe('parsers', () => {
  it('reads an squeue line of an array task', () => {
    expect(parseSqueueLine('12_3|PENDING|JobArrayTaskLimit|')).toEqual({
      jobId: '12_3',
      state: 'PENDING',
      reason: 'JobArrayTaskLimit',
      node: null,
    });
    expect(() => parseSqueueLine('12_3 RUNNING')).toThrow(/cannot read: "12_3 RUNNING"/);
  });

  it('reads scontrol key=value records, the first of each key', () => {
    const record = parseScontrolRecord(
      'JobId=13 ArrayJobId=12 ArrayTaskId=1 JobState=TIMEOUT Reason=TimeLimit ExitCode=0:15 NodeList=vm',
    );
    expect(record.get('JobState')).toBe('TIMEOUT');
    expect(record.get('ExitCode')).toBe('0:15');
    expect(record.get('ArrayTaskId')).toBe('1');
  });
});
