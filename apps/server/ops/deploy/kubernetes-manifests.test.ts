// The Kubernetes manifests in deploy/kubernetes, checked offline: every object against its kind's schema
// (kubernetes-models) and for fields the API does not know, the kustomizations rendered the way
// `kustomize build` would (kustomize-render.ts implements the features used), and the invariants the
// deployment relies on, including that every environment variable named there exists in config.ts.
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IJob } from "kubernetes-models/batch/v1/Job";
import type { IIngress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { ISecret } from "kubernetes-models/v1/Secret";
import type { IService } from "kubernetes-models/v1/Service";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createUnknownFieldChecker, type UnknownFieldChecker } from "./kubernetes-known-fields.js";
import {
  asKubernetesObject,
  isRecord,
  KUSTOMIZATION_API_VERSION,
  KUSTOMIZATION_FILE,
  type KubernetesObject,
  objectId,
  parseYamlDocuments,
  readKustomization,
  readYamlDocuments,
  renderKustomization,
  splitImage,
  strategicMerge,
  type YamlDocument,
} from "./kustomize-render.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const deployDir = path.join(repoRoot, "deploy/kubernetes");
const baseDir = path.join(deployDir, "base");
const productionDir = path.join(deployDir, "overlays/production");
const secretExampleFile = path.join(baseDir, "secret.example.yaml");

const NAMES = {
  configMap: "bookable-config",
  secret: "bookable-secrets",
  web: "bookable-web",
  worker: "bookable-worker",
  migration: "bookable-migrate",
  service: "bookable-web",
  ingress: "bookable",
  pdb: "bookable-web",
  hpa: "bookable-web",
} as const;
const PRODUCTION = { namespace: "bookable", image: "ghcr.io/example/bookable" } as const;
const HTTP_PORT = 3000;

/** Variables whose values are credentials: they must come from the Secret, never a ConfigMap or a literal env value. */
const CREDENTIAL_NAME = /(SECRET|TOKEN|PASSWORD|PRIVATE_KEY|API_KEY)$|^(DATABASE_URL|REDIS_URL)$/;
/** Values that look like real credentials rather than placeholders. */
const REAL_LOOKING_CREDENTIALS = [
  /\b[sr]k_(live|test)_[A-Za-z0-9]{12,}/,
  /\bwhsec_[A-Za-z0-9+/=]{12,}/,
  /\bre_[A-Za-z0-9_]{12,}/,
  /\bAC[0-9a-fA-F]{32}\b/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/=]{24,}/,
  /\b(postgres(ql)?|rediss?|https?):\/\/[^\s:/@]*:(?!CHANGE_ME@)[^\s@]+@/,
];

// ---- Loading ---------------------------------------------------------------------------------------------

function yamlFilesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

interface ModelClass {
  new (data: unknown): { validate(): void };
}

/** The kubernetes-models class of an apiVersion and kind, e.g. apps/v1 Deployment; undefined for an unknown kind. */
async function loadModel(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  try {
    const specifier = `kubernetes-models/${apiVersion}/${kind}`;
    const module = (await import(/* @vite-ignore */ specifier)) as Record<string, ModelClass | undefined>;
    return module[kind];
  } catch {
    return undefined;
  }
}

interface Inventory {
  files: string[];
  documents: YamlDocument[];
  kustomizationDirs: string[];
  /** Files listed as resources by some kustomization. */
  resourceFiles: Set<string>;
  /** Files used as patches by some kustomization: partial objects, validated after rendering. */
  patchFiles: Set<string>;
}

function takeInventory(): Inventory {
  const files = yamlFilesUnder(deployDir);
  const documents = files.flatMap((file) => readYamlDocuments(file));
  const kustomizationDirs = files.filter((file) => path.basename(file) === KUSTOMIZATION_FILE).map((file) => path.dirname(file));
  const resourceFiles = new Set<string>();
  const patchFiles = new Set<string>();
  for (const directory of kustomizationDirs) {
    const kustomization = readKustomization(directory);
    for (const resource of kustomization.resources ?? []) resourceFiles.add(path.resolve(directory, resource));
    for (const patch of kustomization.patches ?? []) patchFiles.add(path.resolve(directory, patch.path));
  }
  return { files, documents, kustomizationDirs, resourceFiles, patchFiles };
}

function isKustomization(document: YamlDocument): boolean {
  return isRecord(document.value) && document.value.kind === "Kustomization";
}

// ---- Accessors -------------------------------------------------------------------------------------------

function find<T>(objects: KubernetesObject[], apiVersion: string, kind: string, name: string): T {
  const found = objects.find(
    (object) => object.apiVersion === apiVersion && object.kind === kind && object.metadata.name === name,
  );
  if (!found) throw new Error(`no ${apiVersion} ${kind} ${name} in the rendered manifests`);
  return found as unknown as T;
}

interface PodTemplate {
  owner: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: IPodSpec;
}

function podTemplates(objects: KubernetesObject[]): PodTemplate[] {
  return objects.flatMap((object): PodTemplate[] => {
    if (object.kind !== "Deployment" && object.kind !== "Job") {
      const text = JSON.stringify(object);
      if (text.includes('"containers"'))
        throw new Error(`${objectId(object)} has pods: teach podTemplates() about ${object.kind}`);
      return [];
    }
    const template = (object as unknown as IDeployment | IJob).spec?.template;
    if (!template?.spec) throw new Error(`${objectId(object)} has no pod template`);
    return [
      {
        owner: objectId(object),
        labels: template.metadata?.labels ?? {},
        annotations: template.metadata?.annotations ?? {},
        spec: template.spec,
      },
    ];
  });
}

function containersOf(spec: IPodSpec): IContainer[] {
  return [...spec.containers, ...(spec.initContainers ?? [])];
}

function selects(
  selector: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] },
  labels: Record<string, string>,
) {
  if (selector.matchExpressions?.length) throw new Error("matchExpressions are not implemented by this test");
  const wanted = Object.entries(selector.matchLabels ?? {});
  if (wanted.length === 0) throw new Error("an empty selector selects everything");
  return wanted.every(([key, value]) => labels[key] === value);
}

function containerPort(container: IContainer, port: number | string): number {
  if (typeof port === "number") return port;
  const named = container.ports?.find((candidate) => candidate.name === port);
  if (!named) throw new Error(`container ${container.name} has no port named ${port}`);
  return named.containerPort;
}

function configValue(objects: KubernetesObject[], name: string): string | undefined {
  return find<IConfigMap>(objects, "v1", "ConfigMap", NAMES.configMap).data?.[name];
}

/** nginx sizes: a number with an optional k/m/g suffix. */
function nginxSizeInBytes(size: string): number {
  const match = /^(\d+)([kKmMgG]?)$/.exec(size);
  if (!match) throw new Error(`"${size}" is not an nginx size`);
  const unit = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? "").toLowerCase() as "" | "k" | "m" | "g"];
  return Number(match[1]) * unit;
}

/** The uid the image runs as: the Dockerfile's last USER (`node` is uid 1000 in the official Node images). */
function imageUid(): number {
  const users = [...readFileSync(path.join(repoRoot, "Dockerfile"), "utf8").matchAll(/^USER\s+(\S+)/gm)].map((match) => match[1]);
  const user = users.at(-1);
  if (user === undefined) throw new Error("the Dockerfile sets no USER: the image would run as root");
  const uid = user.split(":")[0] ?? "";
  if (/^\d+$/.test(uid)) return Number(uid);
  if (uid === "node") return 1000;
  throw new Error(`unknown uid for the Dockerfile's USER ${user}`);
}

function secretKeysInCommands(text: string): string[] {
  return [...text.matchAll(/--from-(?:literal|file)=([A-Za-z_][A-Za-z0-9_]*)=/g)].map((match) => match[1] ?? "");
}

// ---- Tests -----------------------------------------------------------------------------------------------

describe("deploy/kubernetes manifests", () => {
  let inventory: Inventory;
  let checker: UnknownFieldChecker;
  const models = new Map<string, ModelClass>();
  const unknownKinds: string[] = [];
  const renders: Record<"base" | "production", KubernetesObject[]> = { base: [], production: [] };

  beforeAll(async () => {
    inventory = takeInventory();
    const kinds = new Map<string, { apiVersion: string; kind: string }>();
    for (const document of inventory.documents) {
      if (isKustomization(document)) continue;
      const object = asKubernetesObject(document);
      kinds.set(`${object.apiVersion}/${object.kind}`, { apiVersion: object.apiVersion, kind: object.kind });
    }
    for (const [key, kind] of kinds) {
      const model = await loadModel(kind.apiVersion, kind.kind);
      if (model) models.set(key, model);
      else unknownKinds.push(key);
    }
    checker = createUnknownFieldChecker([...kinds.values()].filter((kind) => models.has(`${kind.apiVersion}/${kind.kind}`)));
    renders.base = renderKustomization(baseDir);
    renders.production = renderKustomization(productionDir);
  });

  function validate(object: KubernetesObject, where: string): string[] {
    const model = models.get(`${object.apiVersion}/${object.kind}`);
    if (!model) return [`${where}: ${object.apiVersion} ${object.kind} is not a known Kubernetes kind`];
    const problems: string[] = [];
    try {
      new model(object).validate();
    } catch (error) {
      problems.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const field of checker.unknownFields(object)) problems.push(`${where}: unknown field ${field}`);
    return problems;
  }

  it("finds the manifests", () => {
    expect(inventory.kustomizationDirs.map((directory) => path.relative(deployDir, directory)).sort()).toEqual([
      "base",
      "overlays/production",
    ]);
    expect(inventory.documents.length).toBeGreaterThan(10);
  });

  it("has only kinds that kubernetes-models knows (or kustomize Kustomizations)", () => {
    expect(unknownKinds).toEqual([]);
  });

  it("validates every YAML document against its kind's schema, with no unknown fields", () => {
    const problems: string[] = [];
    for (const document of inventory.documents) {
      const where = `${path.relative(repoRoot, document.file)} (document ${document.index})`;
      if (isKustomization(document)) {
        if (path.basename(document.file) !== KUSTOMIZATION_FILE)
          problems.push(`${where}: a Kustomization must be ${KUSTOMIZATION_FILE}`);
        if (isRecord(document.value) && document.value.apiVersion !== KUSTOMIZATION_API_VERSION)
          problems.push(`${where}: Kustomization apiVersion must be ${KUSTOMIZATION_API_VERSION}`);
        continue; // its structure and files: readKustomization, in takeInventory
      }
      const object = asKubernetesObject(document);
      if (inventory.patchFiles.has(document.file)) {
        // A patch is a partial object: only its fields are checked here, the patched result after rendering.
        problems.push(...checker.unknownFields(object).map((field) => `${where}: unknown field ${field}`));
        continue;
      }
      problems.push(...validate(object, where));
    }
    expect(problems).toEqual([]);
  });

  it("uses every YAML file: each is a kustomization, a resource or patch of one, or an *.example.yaml template", () => {
    const unused = inventory.files.filter(
      (file) =>
        path.basename(file) !== KUSTOMIZATION_FILE &&
        !file.endsWith(".example.yaml") &&
        !inventory.resourceFiles.has(file) &&
        !inventory.patchFiles.has(file),
    );
    expect(unused.map((file) => path.relative(repoRoot, file))).toEqual([]);
  });

  it("keeps secret.example.yaml out of every kustomization, with placeholders only", () => {
    expect([...inventory.resourceFiles, ...inventory.patchFiles]).not.toContain(secretExampleFile);
    const [document, ...others] = readYamlDocuments(secretExampleFile);
    expect(others).toEqual([]);
    if (!document) throw new Error("secret.example.yaml is empty");
    const secret = asKubernetesObject(document) as unknown as ISecret;
    expect(secret.kind).toBe("Secret");
    expect(secret.metadata?.name).toBe(NAMES.secret);
    const values = Object.entries({ ...secret.stringData, ...secret.data });
    expect(values.length).toBeGreaterThan(0);
    for (const [name, value] of values) {
      expect(value, `${name} must be a placeholder`).toContain("CHANGE_ME");
      for (const pattern of REAL_LOOKING_CREDENTIALS) expect(value, `${name} looks like a real credential`).not.toMatch(pattern);
    }
    // What production cannot run without: a shared database, and one signing key for all replicas.
    expect(Object.keys(secret.stringData ?? {})).toEqual(expect.arrayContaining(["DATABASE_URL", "JWT_PRIVATE_KEY"]));
  });

  it("names only environment variables that apps/server/src/config.ts declares", () => {
    const configSource = readFileSync(path.join(repoRoot, "apps/server/src/config.ts"), "utf8");
    const declared = (name: string) => new RegExp(`^\\s+${name}:\\s`, "m").test(configSource);
    const named = new Map<string, string>(); // variable → where it is named
    for (const [label, objects] of Object.entries(renders)) {
      for (const template of podTemplates(objects)) {
        for (const container of containersOf(template.spec)) {
          for (const variable of container.env ?? []) named.set(variable.name, `${label}: ${template.owner} env`);
          for (const source of container.envFrom ?? []) {
            if (source.prefix) throw new Error(`${template.owner}: envFrom prefix is not implemented by this test`);
            if (!source.configMapRef) continue;
            const configMap = find<IConfigMap>(objects, "v1", "ConfigMap", source.configMapRef.name ?? "");
            for (const key of Object.keys(configMap.data ?? {}))
              named.set(key, `${label}: ConfigMap ${configMap.metadata?.name}`);
          }
        }
      }
    }
    const [secretDocument] = readYamlDocuments(secretExampleFile);
    const secret = secretDocument?.value as ISecret;
    for (const key of Object.keys({ ...secret.stringData, ...secret.data })) named.set(key, "secret.example.yaml");
    for (const file of [secretExampleFile, path.join(deployDir, "README.md")]) {
      for (const key of secretKeysInCommands(readFileSync(file, "utf8")))
        named.set(key, `kubectl create secret in ${path.relative(deployDir, file)}`);
    }
    expect(named.size).toBeGreaterThan(10);
    const undeclared = [...named].filter(([name]) => !declared(name));
    expect(undeclared.map(([name, where]) => `${name} (${where})`)).toEqual([]);
  });

  it("gives the server a configuration it accepts: the ConfigMap with the Secret template's (well-formed) placeholders", () => {
    const [secretDocument] = readYamlDocuments(secretExampleFile);
    const secret = secretDocument?.value as ISecret;
    for (const objects of Object.values(renders)) {
      const configMap = find<IConfigMap>(objects, "v1", "ConfigMap", NAMES.configMap);
      const config = loadConfig({ ...configMap.data, ...secret.stringData });
      expect(config.NODE_ENV).toBe("production");
      expect(config.RUN_WORKERS).toBe(false);
      expect(config.PORT).toBe(HTTP_PORT);
    }
  });

  describe.each(["base", "production"] as const)("rendered %s", (label) => {
    const objects = () => renders[label];
    const web = () => find<IDeployment>(objects(), "apps/v1", "Deployment", NAMES.web);
    const webContainer = () => {
      const container = web().spec?.template.spec?.containers.find((candidate) => candidate.name === "web");
      if (!container) throw new Error("no container named web in the web Deployment");
      return container;
    };
    const webLabels = () => web().spec?.template.metadata?.labels ?? {};

    it("renders objects that validate against their schemas, with no unknown fields", () => {
      expect(objects().length).toBeGreaterThanOrEqual(8);
      expect(objects().flatMap((object) => validate(object, `${label}: ${objectId(object)}`))).toEqual([]);
    });

    it("contains no Secret and nothing that looks like a credential", () => {
      expect(
        objects()
          .filter((object) => object.kind === "Secret")
          .map(objectId),
      ).toEqual([]);
      const text = JSON.stringify(objects());
      for (const pattern of REAL_LOOKING_CREDENTIALS) expect(text).not.toMatch(pattern);
      const configMap = find<IConfigMap>(objects(), "v1", "ConfigMap", NAMES.configMap);
      expect(Object.keys(configMap.data ?? {}).filter((key) => CREDENTIAL_NAME.test(key))).toEqual([]);
      for (const template of podTemplates(objects())) {
        for (const container of containersOf(template.spec)) {
          const literal = (container.env ?? []).filter(
            (variable) => CREDENTIAL_NAME.test(variable.name) && variable.value !== undefined,
          );
          expect(literal.map((variable) => `${template.owner}: ${variable.name}`)).toEqual([]);
        }
      }
    });

    it("runs the web Deployment with probes on /readyz and /healthz at port 3000 and a zero-downtime rollout", () => {
      const deployment = web();
      const container = webContainer();
      expect(container.ports?.map((port) => port.containerPort)).toContain(HTTP_PORT);
      expect(configValue(objects(), "PORT")).toBe(String(HTTP_PORT));
      const probe = (name: "readinessProbe" | "livenessProbe" | "startupProbe") => {
        const httpGet = container[name]?.httpGet;
        if (!httpGet) throw new Error(`the web container has no HTTP ${name}`);
        return { path: httpGet.path, port: containerPort(container, httpGet.port) };
      };
      expect(probe("readinessProbe")).toEqual({ path: "/readyz", port: HTTP_PORT });
      expect(probe("livenessProbe")).toEqual({ path: "/healthz", port: HTTP_PORT });
      expect(probe("startupProbe")).toEqual({ path: "/healthz", port: HTTP_PORT });
      // The image's default command is the web server; the manifest may spell it out, but not run another.
      if (container.command) expect(container.command).toEqual(["node", "dist/main.js"]);
      expect(deployment.spec?.replicas).toBeGreaterThanOrEqual(3);
      expect(deployment.spec?.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
      expect(configValue(objects(), "RUN_WORKERS")).toBe("false");
      expect(configValue(objects(), "NODE_ENV")).toBe("production");
      expect(configValue(objects(), "HOST")).toBe("0.0.0.0");
      const annotations = deployment.spec?.template.metadata?.annotations ?? {};
      expect(annotations).toMatchObject({
        "prometheus.io/scrape": "true",
        "prometheus.io/port": String(HTTP_PORT),
        "prometheus.io/path": "/metrics",
      });
      expect(deployment.spec?.template.spec?.topologySpreadConstraints?.length ?? 0).toBeGreaterThan(0);
      for (const constraint of deployment.spec?.template.spec?.topologySpreadConstraints ?? []) {
        expect(constraint.labelSelector && selects(constraint.labelSelector, webLabels())).toBe(true);
      }
    });

    it("stops pods within their grace period: preStop sleep + SHUTDOWN_GRACE_SECONDS < terminationGracePeriodSeconds", () => {
      // The server waits up to SHUTDOWN_GRACE_SECONDS (default 25) after SIGTERM, which comes after the preStop hook.
      const drain = Number(configValue(objects(), "SHUTDOWN_GRACE_SECONDS") ?? 25);
      const preStopSleep = (container: IContainer) => {
        const preStop = container.lifecycle?.preStop;
        if (!preStop) return 0;
        const command = preStop.exec?.command;
        const seconds =
          preStop.sleep?.seconds ?? (command?.[0] === "sleep" && command.length === 2 ? Number(command[1]) : undefined);
        if (seconds === undefined) throw new Error(`${container.name}: a preStop hook other than a sleep`);
        return seconds;
      };
      // Web pods keep serving while their endpoint is removed from the Service and the ingress controller.
      expect(preStopSleep(webContainer()), "the web container's preStop sleep").toBeGreaterThanOrEqual(3);
      expect(web().spec?.template.spec?.terminationGracePeriodSeconds).toBe(30);
      for (const { owner, spec } of podTemplates(objects()).filter((template) => template.owner.includes(" Deployment "))) {
        const grace = spec.terminationGracePeriodSeconds ?? 30;
        for (const container of spec.containers) expect(preStopSleep(container) + drain, owner).toBeLessThan(grace);
      }
    });

    it("runs every pod non-root with a read-only root filesystem, the image's uid, and resources on every container", () => {
      const uid = imageUid();
      const dataDir = configValue(objects(), "DATA_DIR");
      expect(dataDir).toBe("/data");
      const templates = podTemplates(objects());
      expect(templates.map((template) => template.owner).sort()).toEqual(
        [`apps/v1 Deployment ${NAMES.web}`, `apps/v1 Deployment ${NAMES.worker}`, `batch/v1 Job ${NAMES.migration}`].sort(),
      );
      for (const { owner, spec } of templates) {
        expect(spec.securityContext, owner).toMatchObject({
          runAsNonRoot: true,
          runAsUser: uid,
          seccompProfile: { type: "RuntimeDefault" },
        });
        expect(spec.hostNetwork ?? false, owner).toBe(false);
        expect(spec.automountServiceAccountToken, owner).toBe(false);
        const emptyDirs = new Set((spec.volumes ?? []).filter((volume) => volume.emptyDir).map((volume) => volume.name));
        for (const container of containersOf(spec)) {
          const where = `${owner} container ${container.name}`;
          expect(container.securityContext, where).toMatchObject({
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
          });
          expect(container.securityContext?.privileged ?? false, where).toBe(false);
          expect(container.securityContext?.capabilities?.add ?? [], where).toEqual([]);
          if (container.securityContext?.runAsUser !== undefined) expect(container.securityContext.runAsUser, where).toBe(uid);
          if (container.securityContext?.runAsNonRoot !== undefined)
            expect(container.securityContext.runAsNonRoot, where).toBe(true);
          for (const resource of ["cpu", "memory"]) {
            expect(container.resources?.requests?.[resource], `${where} requests.${resource}`).toBeDefined();
            expect(container.resources?.limits?.[resource], `${where} limits.${resource}`).toBeDefined();
          }
          // The root filesystem is read-only: /tmp and DATA_DIR must be writable volumes.
          const writable = (container.volumeMounts ?? []).filter((mount) => emptyDirs.has(mount.name) && !mount.readOnly);
          expect(writable.map((mount) => mount.mountPath).sort(), where).toEqual(expect.arrayContaining(["/tmp", dataDir]));
          // Settings and credentials come from the ConfigMap and the (out-of-band) Secret.
          expect(container.envFrom, where).toEqual(
            expect.arrayContaining([{ configMapRef: { name: NAMES.configMap } }, { secretRef: { name: NAMES.secret } }]),
          );
        }
      }
    });

    it("runs one image in every container", () => {
      const images = new Set(
        podTemplates(objects()).flatMap(({ spec }) => containersOf(spec).map((container) => container.image)),
      );
      expect(images.size).toBe(1);
    });

    it("runs the queue workers with `node dist/worker.js` and the migrations with `node dist/migrate.js`", () => {
      const worker = find<IDeployment>(objects(), "apps/v1", "Deployment", NAMES.worker);
      expect(worker.spec?.template.spec?.containers.map((container) => container.command)).toEqual([["node", "dist/worker.js"]]);
      expect(worker.spec?.replicas).toBeGreaterThanOrEqual(2);
      const job = find<IJob>(objects(), "batch/v1", "Job", NAMES.migration);
      expect(job.spec?.template.spec?.containers.map((container) => container.command)).toEqual([["node", "dist/migrate.js"]]);
      expect(job.spec?.template.spec?.restartPolicy).toBe("Never");
      expect(job.spec?.backoffLimit).toBeGreaterThanOrEqual(0);
      expect(job.spec?.ttlSecondsAfterFinished).toBeGreaterThan(0);
    });

    it("selects the web pods, and only them, from the Deployment, the Service and the PDB", () => {
      const templates = podTemplates(objects());
      const others = templates.filter((template) => template.owner !== `apps/v1 Deployment ${NAMES.web}`);
      for (const deployment of objects().filter((object) => object.kind === "Deployment") as unknown as IDeployment[]) {
        const selector = deployment.spec?.selector;
        expect(selector && selects(selector, deployment.spec?.template.metadata?.labels ?? {}), deployment.metadata?.name).toBe(
          true,
        );
      }
      expect(selects(web().spec?.selector ?? {}, webLabels())).toBe(true);
      for (const other of others) expect(selects(web().spec?.selector ?? {}, other.labels), other.owner).toBe(false);

      const service = find<IService>(objects(), "v1", "Service", NAMES.service);
      expect(service.spec?.type ?? "ClusterIP").toBe("ClusterIP");
      const serviceSelector = { matchLabels: service.spec?.selector };
      expect(selects(serviceSelector, webLabels())).toBe(true);
      for (const other of others) expect(selects(serviceSelector, other.labels), other.owner).toBe(false);
      const [port, ...morePorts] = service.spec?.ports ?? [];
      expect(morePorts).toEqual([]);
      expect(port?.port).toBe(80);
      expect(port && containerPort(webContainer(), port.targetPort ?? port.port)).toBe(HTTP_PORT);

      const pdb = find<IPodDisruptionBudget>(objects(), "policy/v1", "PodDisruptionBudget", NAMES.pdb);
      expect(selects(pdb.spec?.selector ?? {}, webLabels())).toBe(true);
      for (const other of others) expect(selects(pdb.spec?.selector ?? {}, other.labels), other.owner).toBe(false);
      // A budget that can never be met blocks every node drain.
      const { maxUnavailable, minAvailable } = pdb.spec ?? {};
      if (maxUnavailable !== undefined) expect(maxUnavailable).toBe(1);
      else expect(minAvailable).toBeLessThan(web().spec?.replicas ?? 1);
    });

    it("autoscales the web Deployment on CPU 70 %, around its replica count", () => {
      const hpa = find<IHorizontalPodAutoscaler>(objects(), "autoscaling/v2", "HorizontalPodAutoscaler", NAMES.hpa);
      expect(hpa.spec?.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: NAMES.web });
      expect(hpa.spec?.metrics).toEqual([
        { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
      ]);
      const min = hpa.spec?.minReplicas ?? 1;
      const max = hpa.spec?.maxReplicas ?? 0;
      expect(min).toBeGreaterThanOrEqual(3);
      expect(max).toBeGreaterThanOrEqual(10);
      // An applied `replicas` outside [min, max] would make every `kubectl apply` fight the HPA.
      expect(web().spec?.replicas).toBe(min);
      // Utilization is relative to the CPU request.
      expect(webContainer().resources?.requests?.cpu).toBeDefined();
    });

    it("exposes the Service over HTTPS at the PUBLIC_URL host through ingress-nginx and cert-manager", () => {
      const ingress = find<IIngress>(objects(), "networking.k8s.io/v1", "Ingress", NAMES.ingress);
      const annotations = ingress.metadata?.annotations ?? {};
      expect(ingress.spec?.ingressClassName).toBe("nginx");
      expect(Object.keys(annotations).some((key) => key.startsWith("cert-manager.io/"))).toBe(true);
      expect(annotations["nginx.ingress.kubernetes.io/ssl-redirect"]).toBe("true");
      const bodyLimit = Number(configValue(objects(), "BODY_LIMIT_BYTES") ?? 1024 * 1024);
      expect(nginxSizeInBytes(annotations["nginx.ingress.kubernetes.io/proxy-body-size"] ?? "1m")).toBeGreaterThan(bodyLimit);

      const publicUrl = new URL(configValue(objects(), "PUBLIC_URL") ?? "");
      expect(publicUrl.protocol).toBe("https:");
      const rules = ingress.spec?.rules ?? [];
      expect(rules.map((rule) => rule.host)).toEqual([publicUrl.hostname]);
      const tlsHosts = (ingress.spec?.tls ?? []).flatMap((tls) => (tls.secretName ? (tls.hosts ?? []) : []));
      expect(tlsHosts).toContain(publicUrl.hostname);
      const service = find<IService>(objects(), "v1", "Service", NAMES.service);
      for (const path of rules.flatMap((rule) => rule.http?.paths ?? [])) {
        const backend = path.backend.service;
        expect(backend?.name).toBe(NAMES.service);
        const servicePort = service.spec?.ports?.find(
          (port) => port.name === backend?.port?.name || port.port === backend?.port?.number,
        );
        expect(servicePort, `Service port ${JSON.stringify(backend?.port)}`).toBeDefined();
      }
    });
  });

  describe("production overlay", () => {
    it("puts every namespaced object in the bookable namespace, which it creates", () => {
      const objects = renders.production;
      expect(find<KubernetesObject>(objects, "v1", "Namespace", PRODUCTION.namespace).metadata.namespace).toBeUndefined();
      const elsewhere = objects.filter(
        (object) => object.kind !== "Namespace" && object.metadata.namespace !== PRODUCTION.namespace,
      );
      expect(elsewhere.map(objectId)).toEqual([]);
    });

    it("sets the image by name and tag", () => {
      for (const { owner, spec } of podTemplates(renders.production)) {
        for (const container of containersOf(spec)) {
          const image = splitImage(container.image ?? "");
          expect(image.name, `${owner} ${container.name}`).toBe(PRODUCTION.image);
          expect(image.tag, `${owner} ${container.name}: a tag or digest, not latest`).toMatch(
            /^(:(?!latest$).+|@sha256:[0-9a-f]{64})$/,
          );
        }
      }
    });

    it("raises the web replicas and resources above the base, and sets its own host", () => {
      const base = find<IDeployment>(renders.base, "apps/v1", "Deployment", NAMES.web);
      const production = find<IDeployment>(renders.production, "apps/v1", "Deployment", NAMES.web);
      expect(production.spec?.replicas).toBeGreaterThan(base.spec?.replicas ?? 0);
      const memory = (deployment: IDeployment) => deployment.spec?.template.spec?.containers[0]?.resources?.limits?.memory;
      expect(memory(production)).not.toEqual(memory(base));
      // The patch merged into the container instead of replacing it.
      expect(production.spec?.template.spec?.containers[0]?.readinessProbe).toEqual(
        base.spec?.template.spec?.containers[0]?.readinessProbe,
      );
      const host = (objects: KubernetesObject[]) =>
        find<IIngress>(objects, "networking.k8s.io/v1", "Ingress", NAMES.ingress).spec?.rules?.[0]?.host;
      expect(host(renders.production)).not.toBe(host(renders.base));
    });
  });

  describe("the kustomize stand-in (kustomize-render.ts)", () => {
    it("merges maps, merges containers and env by name, replaces other lists, deletes on null", () => {
      const target = {
        spec: {
          replicas: 3,
          paused: false,
          containers: [
            { name: "web", image: "a", env: [{ name: "A", value: "1" }], args: ["x", "y"] },
            { name: "side", image: "b" },
          ],
          tls: [{ hosts: ["a.example"] }],
        },
      };
      const patch = {
        spec: {
          replicas: 4,
          paused: null,
          containers: [{ name: "web", env: [{ name: "B", value: "2" }], args: ["z"] }],
          tls: [{ hosts: ["b.example"] }],
        },
      };
      expect(strategicMerge(target, patch, "")).toEqual({
        spec: {
          replicas: 4,
          containers: [
            {
              name: "web",
              image: "a",
              env: [
                { name: "A", value: "1" },
                { name: "B", value: "2" },
              ],
              args: ["z"],
            },
            { name: "side", image: "b" },
          ],
          tls: [{ hosts: ["b.example"] }],
        },
      });
      expect(() => strategicMerge(target, { spec: { $patch: "replace" } }, "")).toThrow(/not implemented/);
    });

    // kubectl embeds kustomize (`kubectl kustomize`, offline). Where it is installed, the stand-in must agree with it.
    const kubectlFound = spawnSync("kubectl", ["version", "--client"], { stdio: "ignore", timeout: 20_000 }).status === 0;
    it.skipIf(!kubectlFound)("renders exactly what `kubectl kustomize` renders (where kubectl is installed)", () => {
      for (const [label, directory] of [
        ["base", baseDir],
        ["production", productionDir],
      ] as const) {
        const output = execFileSync("kubectl", ["kustomize", directory], { encoding: "utf8", timeout: 20_000 });
        const byId = (objects: KubernetesObject[]) => Object.fromEntries(objects.map((object) => [objectId(object), object]));
        const kustomize = parseYamlDocuments(output, `kubectl kustomize ${label}`).map(asKubernetesObject);
        expect(byId(renders[label]), label).toEqual(byId(kustomize));
      }
    });

    it("splits image references as kustomize does", () => {
      expect(splitImage("bookable")).toEqual({ name: "bookable", tag: "" });
      expect(splitImage("bookable:1.2")).toEqual({ name: "bookable", tag: ":1.2" });
      expect(splitImage("registry:5000/team/bookable")).toEqual({ name: "registry:5000/team/bookable", tag: "" });
      expect(splitImage("registry:5000/bookable:1.2")).toEqual({ name: "registry:5000/bookable", tag: ":1.2" });
      expect(splitImage("bookable@sha256:abc")).toEqual({ name: "bookable", tag: "@sha256:abc" });
    });
  });
});
