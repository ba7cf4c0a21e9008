/** JSON schemas shared by routes (Fastify validates with them and @fastify/swagger publishes them). */
export const errorSchema = {
  type: 'object',
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    errors: { type: 'object', additionalProperties: { type: 'string' } },
  },
  required: ['error', 'message'],
} as const;

export const bearer = [{ bearerAuth: [] }];

export const trackingNumberParam = {
  type: 'object',
  properties: { trackingNumber: { type: 'string', pattern: '^[A-Z]{2,4}-[0-9]{8}-[0-9A-Z]{6}$' } },
  required: ['trackingNumber'],
} as const;

/** Free-form form values: an object of JSON values (each form validates its own fields). */
export const formValues = { type: 'object', additionalProperties: true, maxProperties: 200 } as const;
