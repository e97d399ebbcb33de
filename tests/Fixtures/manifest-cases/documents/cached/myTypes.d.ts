export interface Sample {
  title: string
  count: number
}
