/**
 * Code of libraries that the build inlines as text (scripts/build.mjs, plugin `vendorText`):
 * the statistics report carries Chart.js inside the page it writes, so nothing is fetched.
 */
declare module 'imr-vendor:chart.js' {
  /** Chart.js's UMD build (chart.umd.js), which defines the global `Chart`. */
  const source: string;
  export default source;
}
