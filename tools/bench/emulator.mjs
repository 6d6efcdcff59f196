// The in-process emulator, in a process of its own: GetSecretValue through this SDK's full client
// (validation, marshalling, signing, the emulator's handler, unmarshalling) with the emulator as its
// httpHandler. Figures: wall time per call, sequential (each call awaited before the next), and CPU
// per call; median over rounds. Signature checking off (the default) and on.
//   node emulator.mjs '<options as JSON>'   options: warmup (calls), calls, rounds
import { SecretsManagerClient } from 'amazon-secretsmanager';
import { SecretsManagerEmulator } from 'amazon-secretsmanager/emulator';

const options = { warmup: 2000, calls: 20000, rounds: 5, ...JSON.parse(process.argv[2] ?? '{}') };
const CREDENTIALS = { accessKeyId: 'AKIABENCHEMULATOR001', secretAccessKey: 'bench-secret' };
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function measure(checkSignatures) {
  const emulator = new SecretsManagerEmulator(checkSignatures ? { credentials: CREDENTIALS } : {});
  emulator.seed({ Name: 'bench/secret', SecretString: JSON.stringify({ username: 'app', password: 'x'.repeat(32) }) });
  const client = new SecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, httpHandler: emulator });
  const call = () => client.getSecretValueAsync({ SecretId: 'bench/secret' });
  for (let i = 0; i < options.warmup; i++) await call();
  const wall = [];
  const cpu = [];
  for (let r = 0; r < options.rounds; r++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < options.calls; i++) await call();
    const elapsed = performance.now() - start;
    const used = process.cpuUsage(cpuStart);
    wall.push((elapsed * 1000) / options.calls);
    cpu.push((used.user + used.system) / options.calls);
  }
  return { calls: options.calls, microsPerCall: median(wall), cpuMicrosPerCall: median(cpu), rounds: wall };
}

process.send({ unsigned: await measure(false), signed: await measure(true) });
