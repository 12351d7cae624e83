export {
  DEFAULT_COMPRESSED_CONTENT_TYPES,
  FRONT_DOOR_COMPRESSIBLE_CONTENT_TYPES,
  FRONT_DOOR_MANAGED_RULE_SETS,
  FrontDoor,
  RATE_LIMIT_RULE_NAME,
} from "./front-door";
export type {
  FrontDoorCaching,
  FrontDoorCustomDomain,
  FrontDoorHealthProbe,
  FrontDoorLoadBalancing,
  FrontDoorOrigin,
  FrontDoorPrivateLink,
  FrontDoorProps,
  FrontDoorRateLimit,
  FrontDoorSku,
  FrontDoorWaf,
} from "./front-door";
export * from "./traffic-manager";
export * from "./failover";
