/**
 * The run itself: settings, the peers that drain backlogs in turn, the rate phases, and the printed report.
 */
package cdcdemo.benchmark.run;
