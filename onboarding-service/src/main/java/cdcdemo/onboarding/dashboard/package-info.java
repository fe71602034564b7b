/**
 * The dashboard: what the service is doing, for the people running it.
 */
package cdcdemo.onboarding.dashboard;
