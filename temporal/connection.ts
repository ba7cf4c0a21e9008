import { Client, Connection } from '@temporalio/client';
import type { TemporalConfig } from '../config';
import { temporalConnectionOptions } from './connection-options';

export async function connectClient(config: TemporalConfig): Promise<Client> {
  const connection = await Connection.connect(temporalConnectionOptions(config));
  return new Client({ connection, namespace: config.namespace });
}
