/**
 * The benchmark's own processes: the Kafka broker and the Kafka Connect worker, each a
 * JVM started from this jar so that its CPU and memory are counted apart.
 */
package cdcdemo.benchmark.processes;
