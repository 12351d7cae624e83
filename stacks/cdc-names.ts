/** The namespace Debezium runs in, in the region that captures changes; owned by the environment's owner team. */
export const CDC_NAMESPACE = "cdc";

/** The blob container change-stream consumers checkpoint into (one blob per consumer group and partition). */
export const CDC_CHECKPOINT_CONTAINER = "cdc-checkpoints";
