package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;

/**
 * JetStream limits of an account, either for the whole account or for one tier of {@link
 * OperatorLimits#tieredLimits()} (spec claims.md section 3.2.1).
 *
 * <p>Immutable and thread-safe. JetStream is disabled for an account (or tier) whose memory and
 * disk storage are both 0; -1 means unlimited. {@code maxAckPending}, {@code memoryMaxStreamBytes}
 * and {@code diskMaxStreamBytes} use 0 for unlimited.
 *
 * <pre>{@code
 * JetStreamLimits r3 = JetStreamLimits.builder()
 *     .diskStorage(1L << 30).streams(10).consumer(100).build();
 * }</pre>
 *
 * @param memoryStorage bytes of memory across all streams ({@code mem_storage}); 0 disables
 * @param diskStorage bytes of disk across all streams ({@code disk_storage}); 0 disables
 * @param streams the maximum number of streams ({@code streams})
 * @param consumer the maximum number of consumers ({@code consumer})
 * @param maxAckPending the maximum ack pending of a stream ({@code max_ack_pending})
 * @param memoryMaxStreamBytes the maximum bytes of one memory stream ({@code mem_max_stream_bytes})
 * @param diskMaxStreamBytes the maximum bytes of one disk stream ({@code disk_max_stream_bytes})
 * @param maxBytesRequired whether every stream must declare its maximum bytes ({@code
 *     max_bytes_required})
 */
public record JetStreamLimits(
    long memoryStorage,
    long diskStorage,
    long streams,
    long consumer,
    long maxAckPending,
    long memoryMaxStreamBytes,
    long diskMaxStreamBytes,
    boolean maxBytesRequired) {

  /** All zero: JetStream disabled. The default of a new account. */
  public static final JetStreamLimits DISABLED = new JetStreamLimits(0, 0, 0, 0, 0, 0, 0, false);

  /** Unlimited storage, streams and consumers, and no per-stream limits. */
  public static final JetStreamLimits UNLIMITED =
      new JetStreamLimits(-1, -1, -1, -1, 0, 0, 0, false);

  /**
   * Starts a builder with every limit 0 (disabled).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(DISABLED);
  }

  /**
   * Returns a builder holding these limits.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Returns whether JetStream is enabled by these limits: memory or disk storage is not 0 (-1, for
   * unlimited, counts as enabled).
   *
   * @return {@code true} when storage is allowed
   */
  public boolean isEnabled() {
    return memoryStorage != 0 || diskStorage != 0;
  }

  /**
   * Returns whether every limit is 0 or {@code false}, as in {@link #DISABLED}.
   *
   * @return {@code true} when nothing is set
   */
  public boolean isEmpty() {
    return equals(DISABLED);
  }

  /**
   * Returns whether these limits are unlimited as the reference decides: negative per-stream and
   * ack-pending limits count as 0, then storage, streams and consumers must be -1 and the rest 0.
   *
   * @return {@code true} when unlimited
   */
  public boolean isUnlimited() {
    return memoryStorage == -1
        && diskStorage == -1
        && streams == -1
        && consumer == -1
        && maxAckPending <= 0
        && memoryMaxStreamBytes <= 0
        && diskMaxStreamBytes <= 0
        && !maxBytesRequired;
  }

  /** Writes the eight keys, each omitted when zero, into the current object. */
  void writeFields(GoJsonWriter w) {
    w.field("mem_storage", memoryStorage);
    w.field("disk_storage", diskStorage);
    w.field("streams", streams);
    w.field("consumer", consumer);
    w.field("max_ack_pending", maxAckPending);
    w.field("mem_max_stream_bytes", memoryMaxStreamBytes);
    w.field("disk_max_stream_bytes", diskMaxStreamBytes);
    w.field("max_bytes_required", maxBytesRequired);
  }

  static JetStreamLimits read(JsonIn o) {
    return new JetStreamLimits(
        o.int64("mem_storage"),
        o.int64("disk_storage"),
        o.int64("streams"),
        o.int64("consumer"),
        o.int64("max_ack_pending"),
        o.int64("mem_max_stream_bytes"),
        o.int64("disk_max_stream_bytes"),
        o.bool("max_bytes_required"));
  }

  /**
   * Builds {@link JetStreamLimits}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder {
    private long memoryStorage;
    private long diskStorage;
    private long streams;
    private long consumer;
    private long maxAckPending;
    private long memoryMaxStreamBytes;
    private long diskMaxStreamBytes;
    private boolean maxBytesRequired;

    private Builder(JetStreamLimits l) {
      memoryStorage = l.memoryStorage;
      diskStorage = l.diskStorage;
      streams = l.streams;
      consumer = l.consumer;
      maxAckPending = l.maxAckPending;
      memoryMaxStreamBytes = l.memoryMaxStreamBytes;
      diskMaxStreamBytes = l.diskMaxStreamBytes;
      maxBytesRequired = l.maxBytesRequired;
    }

    /**
     * Sets the bytes of memory across all streams.
     *
     * @param bytes the limit; 0 disables, -1 is unlimited
     * @return this builder
     */
    public Builder memoryStorage(long bytes) {
      this.memoryStorage = bytes;
      return this;
    }

    /**
     * Sets the bytes of disk across all streams.
     *
     * @param bytes the limit; 0 disables, -1 is unlimited
     * @return this builder
     */
    public Builder diskStorage(long bytes) {
      this.diskStorage = bytes;
      return this;
    }

    /**
     * Sets the maximum number of streams.
     *
     * @param streams the limit; -1 is unlimited
     * @return this builder
     */
    public Builder streams(long streams) {
      this.streams = streams;
      return this;
    }

    /**
     * Sets the maximum number of consumers.
     *
     * @param consumer the limit; -1 is unlimited
     * @return this builder
     */
    public Builder consumer(long consumer) {
      this.consumer = consumer;
      return this;
    }

    /**
     * Sets the maximum ack pending of a stream.
     *
     * @param maxAckPending the limit; 0 is unlimited
     * @return this builder
     */
    public Builder maxAckPending(long maxAckPending) {
      this.maxAckPending = maxAckPending;
      return this;
    }

    /**
     * Sets the maximum bytes of one memory stream.
     *
     * @param bytes the limit; 0 is unlimited
     * @return this builder
     */
    public Builder memoryMaxStreamBytes(long bytes) {
      this.memoryMaxStreamBytes = bytes;
      return this;
    }

    /**
     * Sets the maximum bytes of one disk stream.
     *
     * @param bytes the limit; 0 is unlimited
     * @return this builder
     */
    public Builder diskMaxStreamBytes(long bytes) {
      this.diskMaxStreamBytes = bytes;
      return this;
    }

    /**
     * Sets whether every stream must declare its maximum bytes.
     *
     * @param required {@code true} to require it
     * @return this builder
     */
    public Builder maxBytesRequired(boolean required) {
      this.maxBytesRequired = required;
      return this;
    }

    /**
     * Returns the limits.
     *
     * @return the immutable limits
     */
    public JetStreamLimits build() {
      return new JetStreamLimits(
          memoryStorage,
          diskStorage,
          streams,
          consumer,
          maxAckPending,
          memoryMaxStreamBytes,
          diskMaxStreamBytes,
          maxBytesRequired);
    }
  }
}
