import { describe, expect, it } from 'vitest';
import { cohortKeyId, cohortKeyOf, describeCohort } from '../../../src/domain/baseline/cohort-key.js';

describe('cohort keys', () => {
  const item = { workflow: 'it', category: null, priority: 3, channel: 'portal' };

  it('keep only the keyed fields, nulls included', () => {
    expect(cohortKeyOf(item, ['workflow', 'category', 'priority'])).toEqual({
      workflow: 'it',
      category: null,
      priority: 3,
    });
    expect(cohortKeyOf(item, ['channel'])).toEqual({ channel: 'portal' });
  });

  it('identify a key by its values in field order, a missing field as null', () => {
    const fields = ['workflow', 'category', 'priority'] as const;
    expect(cohortKeyId(cohortKeyOf(item, fields), fields)).toBe('["it",null,3]');
    expect(cohortKeyId({ workflow: 'it', priority: 3 }, fields)).toBe('["it",null,3]');
    // a number and its text differ
    expect(cohortKeyId({ workflow: '3' }, ['workflow'])).not.toBe(cohortKeyId({ priority: 3 }, ['priority']));
  });

  it('describe a cohort for warnings', () => {
    expect(
      describeCohort({ workflow: 'it', category: null, priority: 3 }, ['workflow', 'category', 'priority']),
    ).toBe('workflow=it, category=(none), priority=3');
  });
});
