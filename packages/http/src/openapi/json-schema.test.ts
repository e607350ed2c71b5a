import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { SchemaCollector } from './json-schema';

describe('SchemaCollector', () => {
  it('moves schemas with an id into the components and points at them there', () => {
    // Prepare
    const collector = new SchemaCollector();
    const thing = z.object({ name: z.string() }).meta({ id: 'ThingForTest' });

    // Act
    const json = collector.convert(z.object({ items: z.array(thing) }), 'output');

    // Assess
    expect(json).toEqual({
      type: 'object',
      properties: { items: { type: 'array', items: { $ref: '#/components/schemas/ThingForTest' } } },
      required: ['items'],
      additionalProperties: false,
    });
    expect(collector.components.ThingForTest).toMatchObject({ type: 'object', required: ['name'] });
  });

  it('reads requests as zod parses them: a default makes a field optional', () => {
    // Act
    const json = new SchemaCollector().convert(z.strictObject({ limit: z.coerce.number().int().default(25) }), 'input');

    // Assess
    expect(json.required).toBeUndefined();
    expect(json.properties).toEqual({ limit: expect.objectContaining({ type: 'integer', default: 25 }) });
  });

  it('refuses one id for two different shapes', () => {
    // Prepare
    const collector = new SchemaCollector();
    collector.convert(z.object({ a: z.string() }).meta({ id: 'TwiceForTest' }), 'output');

    // Act, Assess
    expect(() => collector.convert(z.object({ b: z.string() }).meta({ id: 'TwiceForTest' }), 'output')).toThrow(/TwiceForTest stands for two different shapes/);
  });
});
