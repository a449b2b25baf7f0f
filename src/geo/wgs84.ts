/** The WGS84 ellipsoid's constants, and the spheres the fast measurements use, in one place. */

/** Equatorial radius, km. */
export const WGS84_A_KM = 6378.137;
/** Flattening. */
export const WGS84_F = 1 / 298.257223563;
/** First eccentricity squared. */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
/** Mean Earth radius (IUGG R1), km: the sphere of the great-circle shortcuts. */
export const MEAN_RADIUS_KM = 6371.0088;
/** Smallest radius of curvature anywhere on WGS84, a(1 - e²) (the meridian at the equator), km. */
export const MIN_CURVATURE_KM = WGS84_A_KM * (1 - WGS84_E2);
