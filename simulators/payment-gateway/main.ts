/** `npx tsx simulators/payment-gateway/main.ts`: the simulator alone (npm start runs it itself). */
import { loadConfig } from '../../config';
import { startPaymentSimulator } from './server';

async function main(): Promise<void> {
  const { paymentGateway } = loadConfig();
  const port = Number(new URL(paymentGateway.url).port || 3200);
  const sim = await startPaymentSimulator({ port, secret: paymentGateway.secret });
  console.log(`payment gateway simulator on ${sim.url}`);
}

void main();
