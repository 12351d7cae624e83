import { Aspects, Fn, IAspect, TerraformResource, Token } from "cdktf";
import { IConstruct } from "constructs";
import { ValidationError } from "./errors";
import { validatePattern } from "./validate";

/** The tags every taggable resource of an environment carries. */
export interface StandardTags {
  /** Environment name, e.g. `prod`. */
  readonly environment: string;
  /** Team that owns the resource, e.g. `platform`. */
  readonly ownerTeam: string;
  /** Cost center the resource is billed to. */
  readonly costCenter: string;
  /**
   * What manages the resource.
   * @default "cdktf"
   */
  readonly managedBy?: string;
  /**
   * Further tags, merged after the standard ones.
   * @default - none
   */
  readonly extra?: Record<string, string>;
}

/** Tag keys the library writes. */
export const TAG_KEYS = {
  environment: "environment",
  ownerTeam: "owner-team",
  costCenter: "cost-center",
  managedBy: "managed-by",
} as const;

/** Azure tag limits: name ≤ 512 characters (no `<>%&\?/`), value ≤ 256 characters, 50 tags a resource. */
const TAG_NAME = /^[^<>%&\\?/]{1,512}$/;

/** Builds and validates the tag map from {@link StandardTags}. */
export function standardTagMap(tags: StandardTags, path = "tags"): Record<string, string> {
  const map: Record<string, string> = {
    [TAG_KEYS.environment]: tags.environment,
    [TAG_KEYS.ownerTeam]: tags.ownerTeam,
    [TAG_KEYS.costCenter]: tags.costCenter,
    [TAG_KEYS.managedBy]: tags.managedBy ?? "cdktf",
    ...(tags.extra ?? {}),
  };
  for (const [key, value] of Object.entries(map)) {
    validatePattern(`${path}.${key}`, key, TAG_NAME, "tag names are 1-512 characters without < > % & \\ ? /");
    if (typeof value !== "string" || value.length === 0 || value.length > 256) {
      throw new ValidationError(`${path}.${key}`, "is not a valid tag value", value, "use 1-256 characters");
    }
  }
  if (Object.keys(map).length > 50) {
    throw new ValidationError(path, "has too many tags", Object.keys(map).length, "Azure allows 50 tags a resource");
  }
  return map;
}

interface Taggable {
  tags: Record<string, string>;
  readonly tagsInput?: Record<string, string>;
}

function isTaggable(node: IConstruct): node is TerraformResource & Taggable {
  return node instanceof TerraformResource && "tagsInput" in node && "tags" in node;
}

/** What the tag aspects know about a resource: the tags it set itself, and the standard tags applied so far. */
interface TagState {
  readonly own: Record<string, string> | undefined;
  standard: Record<string, string>;
}

const TAG_STATE = new WeakMap<IConstruct, TagState>();

/**
 * Adds the standard tags to every taggable resource under the scope it is applied to. Tags a resource sets itself win
 * over the standard ones, so a construct can refine `owner-team` for its own resources. Aspects applied deeper in the
 * tree win over those applied higher up: a team's tags on its services' scope override the environment's tags on the
 * stack, whatever order the aspects were added in.
 */
export class StandardTagsAspect implements IAspect {
  private readonly tags: Record<string, string>;

  constructor(tags: StandardTags) {
    this.tags = standardTagMap(tags);
  }

  public visit(node: IConstruct): void {
    if (!isTaggable(node)) return;
    // cdktf visits a node with the aspects of its ancestors first, outermost first, so a later visit is a deeper scope.
    let state = TAG_STATE.get(node);
    if (!state) {
      state = { own: node.tagsInput, standard: {} };
      TAG_STATE.set(node, state);
    }
    state.standard = { ...state.standard, ...this.tags };
    const own = state.own;
    // Tags given as a token (e.g. Fn.merge) are only known at apply time: spreading one would copy its characters, so
    // let Terraform merge them (later maps win, as above).
    node.tags =
      own !== undefined && Token.isUnresolved(own)
        ? (Fn.merge([state.standard, own]) as unknown as Record<string, string>)
        : { ...state.standard, ...(own ?? {}) };
  }

  /** Applies the aspect to `scope` (a stack, usually). */
  public static applyTo(scope: IConstruct, tags: StandardTags): StandardTagsAspect {
    const aspect = new StandardTagsAspect(tags);
    Aspects.of(scope).add(aspect);
    return aspect;
  }
}
