// The fixed wording of the draft dispatch (công văn): who issues it, its number and symbol, place,
// subject, addressees, the instruction paragraphs, the recipients and the signer. Admins edit it
// (app/admin/dispatch-template) so the office can adapt a new dispatch without a code change; the
// sentences with figures are built from the database (dispatch-text.ts), never typed in here.
// The defaults are the wording of dispatch 1178/UBND-VHTT of 17/8/2021, so the demo reproduces it.

export type DispatchTemplate = {
  /** left header, first line, e.g. "ỦY BAN NHÂN DÂN" */
  readonly authorityParent: string;
  /** left header, second line (bold), e.g. "QUẬN HOÀN KIẾM" */
  readonly authorityName: string;
  /** the number; empty in a draft leaves room for the clerk to write it in */
  readonly documentNumber: string;
  /** the symbol after the slash, e.g. "UBND-VHTT" */
  readonly documentSymbol: string;
  /** the place of the date line, e.g. "Hoàn Kiếm" */
  readonly place: string;
  /** the subject without its "V/v " prefix */
  readonly subject: string;
  readonly addressees: readonly string[];
  /** who provided the Bluezone figures, e.g. "Cục Tin học và Sở Thông tin và Truyền thông" */
  readonly installSource: string;
  /** the paragraph that cites the higher directives and introduces the requests */
  readonly directive: string;
  /** the numbered requests (numbers are added when the document is written) */
  readonly requests: readonly string[];
  readonly closing: string;
  readonly recipients: readonly string[];
  /** the lines above the signature, e.g. ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] */
  readonly signerTitles: readonly string[];
  readonly signerName: string;
};

export const DEFAULT_DISPATCH_TEMPLATE: DispatchTemplate = {
  authorityParent: "ỦY BAN NHÂN DÂN",
  authorityName: "QUẬN HOÀN KIẾM",
  documentNumber: "1178",
  documentSymbol: "UBND-VHTT",
  place: "Hoàn Kiếm",
  subject:
    "tiếp tục đẩy mạnh triển khai cài đặt ứng dụng Bluezone và quét mã QR phục vụ công tác truy vết, phòng, chống dịch Covid-19",
  addressees: ["Trưởng các phòng, ban, ngành thuộc quận;", "Chủ tịch UBND 18 phường."],
  installSource: "Cục Tin học và Sở Thông tin và Truyền thông",
  directive:
    "Thực hiện chỉ đạo của Sở Chỉ huy Thành phố tại Công văn số 19/SCHTP ngày 11/8/2021 về thực hiện triệt để việc quét mã QR đáp ứng nhanh công tác truy vết, phòng chống dịch bệnh COVID-19, Công văn 2184/STTTT-CNTT ngày 16/8/2021 của Sở Thông tin và Truyền thông về việc tiếp tục đẩy mạnh triển khai cài đặt ứng dụng Bluezone và quét mã QR phục vụ công tác truy vết, phòng, chống dịch Covid-19, UBND quận yêu cầu các phòng, ban đơn vị và Chủ tịch UBND 18 phường thực hiện các nội dung sau:",
  requests: [
    "Tăng cường công tác tuyên truyền, hướng dẫn người dân cài đặt ứng dụng Bluezone; tuyên truyền, vận động, hướng dẫn, nhắc nhở, yêu cầu người dân khi ra vào cơ quan, tổ chức, công sở, các địa điểm công cộng cần thực hiện nghiêm việc quét mã QR.",
    "Chỉ đạo quyết liệt việc khai báo y tế điện tử và quét mã QR, trong đó yêu cầu tất cả các cơ quan, đơn vị, tổ chức, cơ sở sản xuất, kinh doanh, cơ sở dịch vụ... phải thực hiện kiểm soát người vào đơn vị bằng việc quét mã QR.",
    "Yêu cầu các đơn vị truy cập địa chỉ: https://covid19.tech.gov.vn để tải tài liệu hướng dẫn sử dụng và triển khai cài đặt ứng dụng Bluezone, quét mã QR.",
  ],
  closing: "UBND quận yêu cầu các phòng, ban, đơn vị và UBND 18 phường thuộc quận nghiêm túc triển khai thực hiện./.",
  recipients: [
    "Như trên;",
    "UBND Thành phố Hà Nội;",
    "Sở Thông tin và Truyền thông Hà Nội;",
    "Thường trực Quận ủy;",
    "Thường trực HĐND quận;",
    "Đ/c Chủ tịch UBND quận;",
    "Các đ/c PCT UBND quận;",
    "Lưu: VT, VHHT.",
  ],
  signerTitles: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
  signerName: "Nguyễn Quốc Hoàn",
};

/** The labels of the template's fields, shown on the admin page and in validation messages. */
export const DISPATCH_TEMPLATE_LABELS: { readonly [K in keyof DispatchTemplate]: string } = {
  authorityParent: "Cơ quan chủ quản (dòng 1 bên trái)",
  authorityName: "Cơ quan ban hành (dòng 2 bên trái, in đậm)",
  documentNumber: "Số văn bản (để trống nếu văn thư điền sau)",
  documentSymbol: "Ký hiệu văn bản",
  place: "Địa danh",
  subject: "Trích yếu (sau “V/v”)",
  addressees: "Kính gửi (mỗi dòng một nơi)",
  installSource: "Nguồn số liệu Bluezone",
  directive: "Đoạn căn cứ chỉ đạo",
  requests: "Các nội dung yêu cầu (mỗi dòng một mục, tự đánh số)",
  closing: "Đoạn kết",
  recipients: "Nơi nhận (mỗi dòng một nơi)",
  signerTitles: "Thẩm quyền, chức vụ người ký (mỗi dòng một dòng)",
  signerName: "Họ tên người ký",
};
