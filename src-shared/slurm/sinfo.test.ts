import { describe, expect, it } from 'vitest';
import { gpuCount, summarizePartitions } from './sinfo';

describe('sinfo', () => {
  it('counts GPUs in Gres fields with types, sockets and indices', () => {
    expect(gpuCount('gpu:2')).toBe(2);
    expect(gpuCount('gpu:a100:4(S:0-1)')).toBe(4);
    expect(gpuCount('gpu:a100:1(IDX:0,2),gpu:v100:2(IDX:0-1)')).toBe(3);
    expect(gpuCount('(null)')).toBe(0);
  });

  it('sums nodes, GPUs and CPUs per partition', () => {
    const text = [
      'gpu*|n1|mixed|gpu:a100:4|gpu:a100:1(IDX:0)|8/24/0/32|',
      'gpu*|n2|idle|gpu:a100:4|gpu:a100:0(IDX:N/A)|0/32/0/32|',
      'cpu|n3|down|(null)|gpu:0|0/0/16/16|',
    ].join('\n');
    expect(summarizePartitions(text)).toEqual([
      {
        name: 'gpu',
        isDefault: true,
        nodes: 2,
        nodeStates: { mixed: 1, idle: 1 },
        gpusAllocated: 1,
        gpusIdle: 7,
        cpusAllocated: 8,
        cpusIdle: 56,
      },
      {
        name: 'cpu',
        isDefault: false,
        nodes: 1,
        nodeStates: { down: 1 },
        gpusAllocated: 0,
        gpusIdle: 0,
        cpusAllocated: 0,
        cpusIdle: 0,
      },
    ]);
  });
});
