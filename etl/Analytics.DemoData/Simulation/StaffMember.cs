namespace Analytics.DemoData.Simulation;

/// <summary>A staff member; the two uniform draws decide when they hold a certificate, so rates rise smoothly over time.</summary>
public sealed record StaffMember(long Id, string Name, byte Role, DateOnly Hired, double CertificateDraw, double SkillDraw, byte SkillLevel);
