/**
 * The life of a user as the onboarding service sees it: remembered when created (with a welcome email), kept up to
 * date, and on deletion asked why they left and then forgotten.
 */
package cdcdemo.onboarding.user;
