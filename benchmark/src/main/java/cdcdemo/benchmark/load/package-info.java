/**
 * The load on the users table: open-loop mixed transactions at a fixed rate, closed-loop
 * single-row inserts, and backlogs.
 */
package cdcdemo.benchmark.load;
