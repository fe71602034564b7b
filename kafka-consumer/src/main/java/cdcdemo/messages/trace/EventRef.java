package cdcdemo.messages.trace;

/**
 * Which change event a reaction is to: its place in Kafka.
 *
 * @param topic the change-event topic
 * @param partition its partition
 * @param offset the event's offset
 */
record EventRef(String topic, int partition, long offset) {

	@Override
	public String toString() {
		return this.topic + "/" + this.partition + "/" + this.offset;
	}

}
