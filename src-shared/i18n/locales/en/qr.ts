// en: qr texts (placeholder until filled)
const messages = {} as const;
export default messages;
