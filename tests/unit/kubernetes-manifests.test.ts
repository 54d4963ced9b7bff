import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IContainer, IEnvVar, IProbe } from 'kubernetes-models/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { envVariables } from '../../src/config/env.ts';
import { parseConfigText } from '../../src/config/load-config.ts';

/**
 * deploy/kubernetes against Kubernetes' schemas (kubernetes-models) and against the app itself: the port, the
 * probes' paths, the environment variables env.ts reads, and a firebreak.yml the app's own validation accepts.
 */
const dir = 'deploy/kubernetes';
type Manifest = { apiVersion?: string; kind?: string; metadata?: { name?: string } } & Record<string, unknown>;
type Validatable = { validate(): void };

const models: Record<string, (data: never) => Validatable> = {
  'apps/v1/Deployment': (data) => new Deployment(data),
  'v1/Service': (data) => new Service(data),
  'v1/ConfigMap': (data) => new ConfigMap(data),
  'v1/Secret': (data) => new Secret(data),
  'policy/v1/PodDisruptionBudget': (data) => new PodDisruptionBudget(data),
};
// The same kinds' TypeScript interfaces, for the unknown-field check below.
const interfaces: Record<string, string> = {
  'apps/v1/Deployment': "import('kubernetes-models/apps/v1/Deployment').IDeployment",
  'v1/Service': "import('kubernetes-models/v1/Service').IService",
  'v1/ConfigMap': "import('kubernetes-models/v1/ConfigMap').IConfigMap",
  'v1/Secret': "import('kubernetes-models/v1/Secret').ISecret",
  'policy/v1/PodDisruptionBudget': "import('kubernetes-models/policy/v1/PodDisruptionBudget').IPodDisruptionBudget",
};

/**
 * Fields the kinds do not have (a misspelt `readinesProbe`), which kubernetes-models' schemas let through: each
 * manifest becomes an object literal typed by its interface, and TypeScript's excess-property check names them.
 */
function unknownFieldProblems(docs: Manifest[]): string[] {
  const file = resolve('tests/unit/kubernetes-manifests.virtual.ts');
  const text = docs
    .map((doc, i) => `export const m${i}: ${interfaces[`${doc.apiVersion}/${doc.kind}`]} = ${JSON.stringify(doc)};`)
    .join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists } = host;
  host.getSourceFile = (name, version, ...rest) =>
    name === file ? ts.createSourceFile(name, text, version) : getSourceFile.call(host, name, version, ...rest);
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  return ts
    .getPreEmitDiagnostics(ts.createProgram([file], options, host))
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
}

/** Throws when the object is of a kind these manifests do not use, or breaks its kind's schema. */
function validateManifest(doc: Manifest): void {
  const model = models[`${doc.apiVersion}/${doc.kind}`];
  if (!model) throw new Error(`${doc.apiVersion} ${doc.kind} is not a kind deploy/kubernetes is expected to hold`);
  model(doc as never).validate();
}

function readManifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS() as Manifest;
  });
}

const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name) && name !== 'kustomization.yaml');
const manifests = files.flatMap((file) => readManifests(file).map((doc) => ({ file, doc })));
const only = <T>(kind: string): T => {
  const found = manifests.filter(({ doc }) => doc.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind} in ${dir}, found ${found.length}`);
  return (found[0] as { doc: unknown }).doc as T;
};
const deployment = new Deployment(only('Deployment'));
const service = new Service(only('Service'));
const budget = new PodDisruptionBudget(only('PodDisruptionBudget'));
const configMap = new ConfigMap(only('ConfigMap'));
const secrets = manifests.filter(({ doc }) => doc.kind === 'Secret').map(({ doc }) => new Secret(doc as never));
const pod = deployment.spec?.template;
const app = pod?.spec?.containers.find((container) => container.name === 'firebreak') as IContainer;
const migrate = pod?.spec?.initContainers?.find((container) => container.name === 'migrate') as IContainer;

// What the app reads and what it cannot start without, from env.ts itself.
const appVariables = Object.keys(envVariables.shape) as (keyof typeof envVariables.shape)[];
const requiredVariables = appVariables.filter((name) => !envVariables.shape[name].safeParse(undefined).success);
const defaultPort = envVariables.shape.PORT.parse(undefined);
const secretVariables = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DATABASE_URL'];

const httpPort = () => app.ports?.find((port) => port.name === 'http');
const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  Object.keys(selector ?? {}).length > 0 &&
  Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);

/** What is wrong with a probe that should ask `path` on the container's http port (none when it is right). */
function probeProblems(name: string, probe: IProbe | undefined, path: string, container: IContainer): string[] {
  if (!probe?.httpGet) return [`${name} is not an httpGet probe`];
  const problems: string[] = [];
  if (probe.httpGet.path !== path) problems.push(`${name} asks ${probe.httpGet.path}, not ${path}`);
  const { port } = probe.httpGet;
  const named = container.ports?.find((p) => p.name === port || p.containerPort === port);
  if (!named || named.containerPort !== defaultPort) problems.push(`${name} asks port ${port}, not ${defaultPort}`);
  return problems;
}

/** What is wrong with a container's environment: a variable the app does not read or would refuse, a literal secret. */
function envProblems(env: IEnvVar[]): string[] {
  return env.flatMap((variable) => {
    const schema = envVariables.shape[variable.name as keyof typeof envVariables.shape];
    if (!schema) return [`${variable.name} is not read by src/config/env.ts`];
    if (secretVariables.includes(variable.name) && !variable.valueFrom?.secretKeyRef)
      return [`${variable.name} must come from a Secret (secretKeyRef), not a literal value`];
    if (variable.value !== undefined && !schema.safeParse(variable.value).success)
      return [`${variable.name}: ${variable.value} is refused by src/config/env.ts`];
    return [];
  });
}

describe('the Kubernetes manifests', () => {
  it('are all valid against Kubernetes schemas', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(6);
    for (const { doc } of manifests) expect(() => validateManifest(doc), doc.metadata?.name).not.toThrow();
  });

  it('use only fields their kinds have', () => {
    expect(unknownFieldProblems(manifests.map(({ doc }) => doc))).toEqual([]);
  });

  it('are all listed in kustomization.yaml, except the Secret templates', () => {
    const kustomization = readManifests('kustomization.yaml')[0] as { resources: string[] };
    const withoutSecrets = files.filter((file) => !manifests.some((m) => m.file === file && m.doc.kind === 'Secret'));
    expect([...kustomization.resources].sort()).toEqual(withoutSecrets.sort());
  });

  it('run at least two replicas and never drop one during a rollout', () => {
    expect(deployment.spec?.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec?.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
  });

  it('expose the port the app listens on by default, as in the Dockerfile', () => {
    const dockerfilePort = /^ENV .*\bPORT=(\d+)/m.exec(readFileSync('Dockerfile', 'utf8'))?.[1];
    expect(httpPort()?.containerPort).toBe(defaultPort);
    expect(Number(dockerfilePort)).toBe(defaultPort);
    const setPort = app.env?.find((variable) => variable.name === 'PORT')?.value;
    if (setPort !== undefined) expect(Number(setPort)).toBe(defaultPort);
  });

  it('probe readiness on /readyz and liveness and start-up on /healthz', () => {
    expect(probeProblems('readinessProbe', app.readinessProbe, '/readyz', app)).toEqual([]);
    expect(probeProblems('livenessProbe', app.livenessProbe, '/healthz', app)).toEqual([]);
    expect(probeProblems('startupProbe', app.startupProbe, '/healthz', app)).toEqual([]);
  });

  it('set only variables the app reads, with secrets from Secrets', () => {
    expect(envProblems(app.env ?? [])).toEqual([]);
    expect(envProblems(migrate.env ?? [])).toEqual([]);
  });

  it('set every variable the app requires, and DATABASE_URL, which replicas sharing one database need', () => {
    expect(requiredVariables).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
    const set = (app.env ?? []).map((variable) => variable.name);
    for (const name of [...requiredVariables, 'DATABASE_URL']) expect(set, name).toContain(name);
    expect((migrate.env ?? []).map((variable) => variable.name)).toContain('DATABASE_URL');
  });

  it('refer only to Secrets and keys the templates define, with placeholders', () => {
    for (const variable of [...(app.env ?? []), ...(migrate.env ?? [])]) {
      const ref = variable.valueFrom?.secretKeyRef;
      if (!ref || ref.optional) continue;
      const secret = secrets.find((s) => s.metadata?.name === ref.name);
      expect(secret?.stringData?.[ref.key], `${ref.name}/${ref.key}`).toMatch(/REPLACE-ME/);
    }
  });

  it('migrate in an init container through src/migrate.ts, the script npm run migrate runs', () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    const entry = (migrate.command ?? []).find((part) => part.endsWith('.ts')) as string;
    expect(existsSync(entry)).toBe(true);
    expect(scripts.migrate).toContain(entry);
    expect(migrate.image).toBe(app.image);
  });

  it('hand the app a firebreak.yml its own validation accepts, where FIREBREAK_CONFIG points', () => {
    const configPath = app.env?.find((variable) => variable.name === 'FIREBREAK_CONFIG')?.value as string;
    const volume = pod?.spec?.volumes?.find((v) => v.configMap?.name === configMap.metadata?.name);
    const mount = app.volumeMounts?.find((m) => m.name === volume?.name);
    const key = configPath.slice(`${mount?.mountPath}/`.length);
    expect(configPath.startsWith(`${mount?.mountPath}/`)).toBe(true);
    expect(() => parseConfigText(configMap.data?.[key] as string, `${dir}/configmap.yaml`)).not.toThrow();
  });

  it('route the Service to the pods on their named http port', () => {
    expect(matches(service.spec?.selector, pod?.metadata?.labels)).toBe(true);
    expect(matches(deployment.spec?.selector.matchLabels, pod?.metadata?.labels)).toBe(true);
    const port = service.spec?.ports?.[0];
    expect(port?.targetPort).toBe(httpPort()?.name);
    expect(port?.port).toBe(80);
  });

  it('keep a replica through voluntary disruptions', () => {
    expect(matches(budget.spec?.selector?.matchLabels, pod?.metadata?.labels)).toBe(true);
    expect(budget.spec?.minAvailable).toBe(1);
  });

  it('let Prometheus scrape /metrics on the app port', () => {
    const annotations = pod?.metadata?.annotations ?? {};
    expect(annotations['prometheus.io/scrape']).toBe('true');
    expect(Number(annotations['prometheus.io/port'])).toBe(defaultPort);
    expect(annotations['prometheus.io/path']).toBe('/metrics');
  });

  it('give every container resource requests and limits, a non-root user and a read-only root', () => {
    expect(pod?.spec?.securityContext?.runAsNonRoot).toBe(true);
    for (const container of [app, migrate]) {
      expect(container.resources?.requests?.memory, container.name).toBeDefined();
      expect(container.resources?.limits?.memory, container.name).toBeDefined();
      expect(container.securityContext?.readOnlyRootFilesystem, container.name).toBe(true);
    }
  });
});

describe('the checks on the Kubernetes manifests', () => {
  it('reject a Deployment that breaks the schema', () => {
    const broken = structuredClone(only<Manifest & { spec: { replicas: unknown } }>('Deployment'));
    broken.spec.replicas = 'two';
    expect(() => validateManifest(broken)).toThrow(/replicas must be integer/);
  });

  it('name a misspelt field', () => {
    const broken = structuredClone(only<Manifest & { spec: Record<string, unknown> }>('Deployment'));
    broken.spec.replica = 2;
    expect(unknownFieldProblems([broken])).toEqual([
      expect.stringContaining("'\"replica\"' does not exist in type 'IDeploymentSpec'"),
    ]);
  });

  it('reject a kind the manifests are not expected to hold', () => {
    expect(() => validateManifest({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } })).toThrow(/not a kind/);
  });

  it('catch a probe on the wrong path or port', () => {
    const probe = { httpGet: { path: '/ready', port: 8080 } };
    expect(probeProblems('readinessProbe', probe, '/readyz', app)).toEqual([
      'readinessProbe asks /ready, not /readyz',
      `readinessProbe asks port 8080, not ${defaultPort}`,
    ]);
  });

  it('catch a variable the app does not read, one it would refuse and a secret given literally', () => {
    const env = [
      { name: 'SLACK_TOKEN', value: 'x' },
      { name: 'LOG_LEVEL', value: 'verbose' },
      { name: 'SLACK_BOT_TOKEN', value: 'xoxb-1' },
    ];
    expect(envProblems(env)).toEqual([
      'SLACK_TOKEN is not read by src/config/env.ts',
      'LOG_LEVEL: verbose is refused by src/config/env.ts',
      'SLACK_BOT_TOKEN must come from a Secret (secretKeyRef), not a literal value',
    ]);
  });

  it('catch a firebreak.yml the app would refuse', () => {
    expect(() => parseConfigText('default_severity: sev9\n', `${dir}/configmap.yaml`)).toThrow(/default_severity/);
  });
});
