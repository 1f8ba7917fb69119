export interface Generated835 {
  text: string;
  stats: { claims: number; lines: number; adjustments: number; remarks: number; bytes: number; paid: number; denied: number };
}
export function generate835(options: { claims: number }): Generated835;
