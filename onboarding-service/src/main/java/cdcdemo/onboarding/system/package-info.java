/**
 * Settings and the Kafka error handling shared by the features of the service.
 */
package cdcdemo.onboarding.system;
