// Complaints about trees, as citizens write them: the kind a pemda may route to DLH instead of the
// catalog's DISPERKIM, used to teach the classifier in tests.
export const TREE_COMPLAINTS = [
  "pohon tumbang di jalan siliwangi nutup setengah jalan",
  "tolong pangkas pohon di depan kantor pos, dahannya nyentuh kabel",
  "pohon beringin di alun alun batangnya retak, rawan tumbang",
  "ranting pohon asam sering jatuh ke jalan, mohon dipangkas",
  "pohon mahoni besar miring ke rumah warga",
  "dahan pohon patah nimpa motor yang parkir",
];
