import { describe, expect, test } from "vitest";
import { campaignImageSrc, sniffImageType } from "~/lib/campaign-images.server";

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

describe("image type from the file's first bytes", () => {
  test("PNG, JPEG and WebP are recognised by their signatures", () => {
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0))).toBe("image/png");
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(sniffImageType(bytes(...ascii("RIFF"), 0, 0, 0, 0, ...ascii("WEBPVP8 ")))).toBe("image/webp");
  });

  test("anything else is refused, whatever its name or declared type", () => {
    expect(sniffImageType(bytes(...ascii("<svg xmlns=")))).toBeNull();
    expect(sniffImageType(bytes(...ascii("<html><script>")))).toBeNull();
    expect(sniffImageType(bytes(...ascii("GIF89a")))).toBeNull();
    expect(sniffImageType(bytes(...ascii("RIFF"), 0, 0, 0, 0, ...ascii("WAVE")))).toBeNull();
    expect(sniffImageType(bytes())).toBeNull();
  });
});

test("an upload is linked through the image route, versioned by the last change", () => {
  const updatedAt = new Date("2026-11-26T10:00:00Z");
  expect(campaignImageSrc({ slug: "s", imageUrl: "upload", updatedAt })).toBe(`/c/s/image?v=${updatedAt.getTime()}`);
  expect(campaignImageSrc({ slug: "s", imageUrl: "https://img.example/a.png", updatedAt })).toBe("https://img.example/a.png");
  expect(campaignImageSrc({ slug: "s", imageUrl: null, updatedAt })).toBeNull();
});
