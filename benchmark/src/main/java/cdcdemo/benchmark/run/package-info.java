/**
 * The run itself ({@link cdcdemo.benchmark.run.Benchmark}): its settings, the servers,
 * the peers and how each is started, the backlog rounds, the sustained-rate search with
 * its phases, and the printed report with the targets.
 */
package cdcdemo.benchmark.run;
