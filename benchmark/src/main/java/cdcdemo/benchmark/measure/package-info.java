/**
 * What is read off the running system: per-event latencies from the change events
 * themselves, and CPU time and memory from /proc.
 */
package cdcdemo.benchmark.measure;
