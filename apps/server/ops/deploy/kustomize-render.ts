// A small stand-in for `kustomize build`, for the manifest test (no kustomize binary is needed or used).
// It implements only what deploy/kubernetes uses, and refuses anything else, so a new kustomize feature in
// the manifests fails the test instead of being silently ignored:
//   resources (files and directories), namespace, images (newName/newTag/digest) and
//   patches given by path, as strategic-merge patches matched to their target by apiVersion, kind and name.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

export type KubernetesObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
} & Record<string, unknown>;

export interface YamlDocument {
  file: string;
  /** Position of the document in its file, from 0 (empty documents are skipped but counted). */
  index: number;
  value: unknown;
}

export const KUSTOMIZATION_API_VERSION = "kustomize.config.k8s.io/v1beta1";
export const KUSTOMIZATION_FILE = "kustomization.yaml";

/** Every non-empty document of a YAML file, parsed as Kubernetes does (YAML 1.1: `on`/`yes` are booleans). */
export function readYamlDocuments(file: string): YamlDocument[] {
  return parseYamlDocuments(readFileSync(file, "utf8"), file);
}

/** Like readYamlDocuments, for YAML in a string; `file` names it in errors. */
export function parseYamlDocuments(source: string, file: string): YamlDocument[] {
  const documents = parseAllDocuments(source, { version: "1.1", prettyErrors: true });
  const parsed: YamlDocument[] = [];
  documents.forEach((document, index) => {
    const problems = [...document.errors, ...document.warnings];
    if (problems.length > 0)
      throw new Error(`${file} (document ${index}): ${problems.map((problem) => problem.message).join("; ")}`);
    const value: unknown = document.toJS();
    if (value !== null && value !== undefined) parsed.push({ file, index, value });
  });
  return parsed;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asKubernetesObject(document: YamlDocument): KubernetesObject {
  const { value } = document;
  const where = `${document.file} (document ${document.index})`;
  if (!isRecord(value)) throw new Error(`${where}: not a mapping`);
  if (typeof value.apiVersion !== "string" || typeof value.kind !== "string") throw new Error(`${where}: no apiVersion or kind`);
  if (!isRecord(value.metadata) || typeof value.metadata.name !== "string" || value.metadata.name === "")
    throw new Error(`${where}: no metadata.name`);
  return value as KubernetesObject;
}

export function objectId(object: Pick<KubernetesObject, "apiVersion" | "kind" | "metadata">): string {
  return `${object.apiVersion} ${object.kind} ${object.metadata.name}`;
}

// ---- Kustomization files -------------------------------------------------------------------------------

export interface Kustomization {
  apiVersion: typeof KUSTOMIZATION_API_VERSION;
  kind: "Kustomization";
  resources?: string[];
  namespace?: string;
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  patches?: { path: string }[];
}

const SUPPORTED_FIELDS = new Set(["apiVersion", "kind", "resources", "namespace", "images", "patches"]);
const SUPPORTED_IMAGE_FIELDS = new Set(["name", "newName", "newTag", "digest"]);

/** Reads and checks a kustomization.yaml: only the supported fields, and every file it names exists. */
export function readKustomization(directory: string): Kustomization {
  const file = path.join(directory, KUSTOMIZATION_FILE);
  const documents = readYamlDocuments(file);
  const [document] = documents;
  if (!document || documents.length !== 1) throw new Error(`${file}: expected exactly one document`);
  const value = document.value;
  if (!isRecord(value)) throw new Error(`${file}: not a mapping`);
  if (value.apiVersion !== KUSTOMIZATION_API_VERSION || value.kind !== "Kustomization")
    throw new Error(`${file}: expected apiVersion ${KUSTOMIZATION_API_VERSION}, kind Kustomization`);
  const unsupported = Object.keys(value).filter((key) => !SUPPORTED_FIELDS.has(key));
  if (unsupported.length > 0)
    throw new Error(
      `${file}: ${unsupported.join(", ")} not implemented by the test's renderer (kustomize-render.ts); add it there`,
    );

  const strings = (field: string, list: unknown): string[] => {
    if (list === undefined) return [];
    if (!Array.isArray(list) || !list.every((item) => typeof item === "string" && item !== ""))
      throw new Error(`${file}: ${field} must be a list of paths`);
    return list;
  };
  const resources = strings("resources", value.resources);
  for (const resource of resources) {
    const target = path.resolve(directory, resource);
    if (!existsSync(target)) throw new Error(`${file}: resource ${resource} does not exist`);
    if (statSync(target).isDirectory() && !existsSync(path.join(target, KUSTOMIZATION_FILE)))
      throw new Error(`${file}: resource directory ${resource} has no ${KUSTOMIZATION_FILE}`);
  }

  const patches = value.patches === undefined ? [] : value.patches;
  if (!Array.isArray(patches)) throw new Error(`${file}: patches must be a list`);
  for (const patch of patches) {
    if (!isRecord(patch) || typeof patch.path !== "string" || Object.keys(patch).length !== 1)
      throw new Error(`${file}: only patches given as { path } are implemented (got ${JSON.stringify(patch)})`);
    if (!existsSync(path.resolve(directory, patch.path))) throw new Error(`${file}: patch ${patch.path} does not exist`);
  }

  const images = value.images === undefined ? [] : value.images;
  if (!Array.isArray(images)) throw new Error(`${file}: images must be a list`);
  for (const image of images) {
    if (!isRecord(image) || typeof image.name !== "string") throw new Error(`${file}: every image needs a name`);
    const extra = Object.keys(image).filter((key) => !SUPPORTED_IMAGE_FIELDS.has(key));
    if (extra.length > 0) throw new Error(`${file}: image field ${extra.join(", ")} not implemented`);
    if (image.newTag !== undefined && image.digest !== undefined)
      throw new Error(`${file}: image ${image.name}: newTag and digest`);
  }
  if (value.namespace !== undefined && typeof value.namespace !== "string")
    throw new Error(`${file}: namespace must be a string`);
  return value as unknown as Kustomization;
}

// ---- Rendering -----------------------------------------------------------------------------------------

/** Kinds without a namespace among those a kustomization here could hold; `namespace:` leaves them alone. */
const CLUSTER_SCOPED_KINDS = new Set([
  "Namespace",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "PriorityClass",
  "StorageClass",
  "IngressClass",
  "PersistentVolume",
]);

/** What `kustomize build directory` would print, for the features above, as objects (in resource order). */
export function renderKustomization(directory: string): KubernetesObject[] {
  const kustomization = readKustomization(directory);
  const objects: KubernetesObject[] = [];
  for (const resource of kustomization.resources ?? []) {
    const target = path.resolve(directory, resource);
    if (statSync(target).isDirectory()) objects.push(...renderKustomization(target));
    else objects.push(...readYamlDocuments(target).map(asKubernetesObject));
  }
  const ids = objects.map(objectId);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new Error(`${directory}: ${duplicate} is defined twice`);

  let rendered = objects.map((object) => structuredClone(object));
  for (const patch of kustomization.patches ?? []) {
    const patchFile = path.resolve(directory, patch.path);
    for (const document of readYamlDocuments(patchFile)) {
      const patchObject = asKubernetesObject(document);
      const index = rendered.findIndex((object) => objectId(object) === objectId(patchObject));
      if (index < 0) throw new Error(`${patchFile}: no ${objectId(patchObject)} to patch`);
      rendered[index] = strategicMerge(rendered[index], patchObject, "") as KubernetesObject;
    }
  }
  for (const image of kustomization.images ?? []) rendered = rendered.map((object) => setImage(object, image));
  if (kustomization.namespace !== undefined) {
    const namespace = kustomization.namespace;
    rendered = rendered.map((object) =>
      CLUSTER_SCOPED_KINDS.has(object.kind) ? object : { ...object, metadata: { ...object.metadata, namespace } },
    );
  }
  return rendered;
}

/** Lists merged item by item on a key in a strategic-merge patch (from the Kubernetes API's patch strategies). */
const MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
};

function mergeKeyAt(at: string): string | undefined {
  const field = at.slice(at.lastIndexOf(".") + 1);
  // A container's ports merge on containerPort, a Service's on port.
  if (field === "ports") return /(containers|initContainers)\[[^\]]*\]\.ports$/.test(at) ? "containerPort" : "port";
  return MERGE_KEYS[field];
}

/**
 * A strategic-merge patch for plain YAML: maps merge recursively (null deletes a key), lists with a merge key
 * merge item by item, other lists and scalars are replaced. `$patch`-style directives are not implemented.
 */
export function strategicMerge(target: unknown, patch: unknown, at: string): unknown {
  if (isRecord(patch)) {
    const directive = Object.keys(patch).find((key) => key.startsWith("$"));
    if (directive) throw new Error(`${at}: patch directive ${directive} not implemented`);
    const merged: Record<string, unknown> = isRecord(target) ? { ...target } : {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else merged[key] = strategicMerge(merged[key], value, `${at}.${key}`);
    }
    return merged;
  }
  if (Array.isArray(patch)) {
    const key = mergeKeyAt(at);
    if (!key || !Array.isArray(target)) return structuredClone(patch);
    const merged: unknown[] = [...target];
    for (const item of patch) {
      const keyValue = isRecord(item) ? item[key] : undefined;
      if (keyValue === undefined) throw new Error(`${at}: a patch item without its merge key ${key}`);
      const index = merged.findIndex((existing) => isRecord(existing) && existing[key] === keyValue);
      if (index < 0) merged.push(structuredClone(item));
      else merged[index] = strategicMerge(merged[index], item, `${at}[${String(keyValue)}]`);
    }
    return merged;
  }
  return patch;
}

/** Splits an image reference into its name and its `:tag` or `@digest` part, as kustomize's image transformer does. */
export function splitImage(image: string): { name: string; tag: string } {
  const at = image.indexOf("@");
  if (at >= 0) return { name: image.slice(0, at), tag: image.slice(at) };
  const colon = image.lastIndexOf(":");
  if (colon > image.lastIndexOf("/")) return { name: image.slice(0, colon), tag: image.slice(colon) };
  return { name: image, tag: "" };
}

function setImage(object: KubernetesObject, image: NonNullable<Kustomization["images"]>[number]): KubernetesObject {
  const visit = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) {
      const isContainerList = key === "containers" || key === "initContainers";
      return value.map((item) => {
        if (!isContainerList || !isRecord(item) || typeof item.image !== "string") return visit(item, "");
        const current = splitImage(item.image);
        if (current.name !== image.name) return item;
        const tag = image.digest ? `@${image.digest}` : image.newTag ? `:${image.newTag}` : current.tag;
        return { ...item, image: `${image.newName ?? current.name}${tag}` };
      });
    }
    if (isRecord(value))
      return Object.fromEntries(Object.entries(value).map(([childKey, child]) => [childKey, visit(child, childKey)]));
    return value;
  };
  return visit(object, "") as KubernetesObject;
}
