// What every channel says when handling a message failed unexpectedly (the runner itself answers
// database trouble with its own notice; this covers errors around it, e.g. a download).
export const APOLOGY_TEXT = "Maaf, terjadi gangguan saat memproses pesan Anda. Silakan coba lagi beberapa saat lagi.";
