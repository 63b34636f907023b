export interface CheckIn {
  latitude: number;
  longitude: number;
  /** Radius of 68 % confidence, in metres. */
  accuracy: number;
}

/** The device's position, once; rejects when the user or the browser says no. */
export function locate(timeoutMs = 15_000): Promise<CheckIn> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('unsupported'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          latitude: p.coords.latitude,
          longitude: p.coords.longitude,
          accuracy: Math.round(p.coords.accuracy),
        }),
      (e) => reject(new Error(e.message || 'denied')),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

/**
 * The check-in as a line of the activity's notes. Activities have no location fields yet,
 * so it is kept as text in a fixed, language-neutral form that can be parsed back.
 */
export function checkInLine(c: CheckIn): string {
  return `GPS ${c.latitude.toFixed(6)},${c.longitude.toFixed(6)} ±${c.accuracy}m`;
}
