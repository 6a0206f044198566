// The shape of a price table (see oci-price-table.ts and BERTH_PRICE_TABLE): what each shape
// family costs an hour, and the load balancer. Pure types and the family lookup.

export interface FamilyPrice {
  /** Per OCPU-hour. */
  ocpuHour?: number;
  /** Per GB of memory an hour. */
  memoryGbHour?: number;
  /** Per GPU-hour, the shape's OCPUs and memory included. */
  gpuHour?: number;
}

export interface PriceTable {
  /** Where the prices come from, in words a reader can check. */
  source: string;
  /** The date the prices were taken (YYYY-MM-DD). */
  asOf: string;
  currency: string;
  hoursPerMonth: number;
  /** By shape family: a flex shape's own name, or a fixed shape's name without its size (VM.GPU3.2 -> VM.GPU3). */
  families: Record<string, FamilyPrice>;
  loadBalancer: { baseHour: number; mbpsHour: number };
}

/** "VM.GPU3.2" -> "VM.GPU3", "VM.Standard2.8" -> "VM.Standard2"; a flex or generic shape is its own family. */
export function shapeFamily(shapeName: string): string {
  return /\.\d+$/.test(shapeName) ? shapeName.replace(/\.\d+$/, '') : shapeName;
}
