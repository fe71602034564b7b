/**
 * The life of a user as the onboarding service sees it: remembered when created and taken
 * through the onboarding journey (steps sent by a durable scheduler), kept up to date,
 * and on deletion asked why they left and then forgotten.
 */
package cdcdemo.onboarding.user;
