import { describe, expect, it } from 'vitest';
import { analysesCalled, FailedAnalyses } from '../../bench/page-suite';

describe('what a failed analysis blocks', () => {
  it('lists the analyses a notebook calls, and only those', () => {
    const text = [
      '# Churn',
      '',
      '```sql won',
      "SELECT * FROM deals WHERE status = 'won'",
      '```',
      '',
      '```analysis churn',
      '# a comment',
      'function: churn.bgnbd',
      'deals: won',
      '```',
      '',
      '```analysis model',
      'function: churn.model',
      '```',
      '',
    ].join('\n');
    expect(analysesCalled(text)).toEqual(['churn.bgnbd', 'churn.model']);
  });

  it('remembers the first data set an analysis failed on', () => {
    const failed = new FailedAnalyses();
    failed.record('churn.bgnbd', '1 M');
    failed.record('churn.bgnbd', '5 M');
    expect(failed.first('churn.bgnbd')).toBe('1 M');
    expect(failed.on('churn.bgnbd', '5 M')).toBe(true);
    expect(failed.on('churn.bgnbd', '100 k')).toBe(false);
    expect(failed.first('rfm.scores')).toBeUndefined();
  });
});
